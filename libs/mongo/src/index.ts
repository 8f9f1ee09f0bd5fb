export * from './api-shape';
export * from './choose-store';
export * from './database';
export * from './document-writes';
export * from './errors';
export * from './outbox';
