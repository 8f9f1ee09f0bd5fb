export * from './backends';
export * from './capture-server';
export * from './eventually';
export * from './outbox-contract';
export * from './sample-events';
