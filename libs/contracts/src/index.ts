export * from './limits';
export * from './api';
export * from './events';
export * from './ids';
export * from './delivery';
