import { MemoryReadModelStore } from './memory-read-model-store';
import { readModelStoreContract } from './read-model-store.contract';

describe('MemoryReadModelStore', () => {
  readModelStoreContract(() => Promise.resolve(new MemoryReadModelStore()));
});
