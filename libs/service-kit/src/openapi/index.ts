export * from './document-check';
export * from './example-requests';
export * from './json-schema';
export * from './openapi-document';
export * from './route-table';
export * from './service-api';
