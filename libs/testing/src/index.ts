export * from './backends';
export * from './capture-server';
export * from './eventually';
export * from './outbox-contract';
export * from './published-events';
export * from './sample-events';
export * from './tcp-proxy';
export * from './test-database';
