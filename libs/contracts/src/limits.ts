/** Field limits shared by the HTTP API and the events, so a value accepted by one is valid in the other. */
export const TITLE_MAX_LENGTH = 200;
export const CONTENT_MAX_LENGTH = 1000;
export const SOURCE_MAX_LENGTH = 64;
