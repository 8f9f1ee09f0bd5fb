export * from './create-event';
export * from './event-log-reader';
export * from './outbox';
export * from './outbox-relay';
export * from './publisher';
export * from './receiver';
