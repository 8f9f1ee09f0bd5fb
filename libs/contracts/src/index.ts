export * from './limits';
export * from './api';
export * from './api-route';
export * from './events';
export * from './event-log';
export * from './ids';
export * from './delivery';
export * from './delivery-api';
