import { eventLogContract } from '../event-log.contract';
import { MemoryEventLog } from './memory-event-log';

describe('MemoryEventLog', () => {
  eventLogContract(() => Promise.resolve(new MemoryEventLog()));
});
