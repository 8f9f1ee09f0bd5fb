export * from './api-shape';
export * from './choose-store';
export * from './database';
export * from './errors';
export * from './outbox';
