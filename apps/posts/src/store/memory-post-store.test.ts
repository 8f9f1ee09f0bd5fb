import { MemoryPostStore } from './memory-post-store';
import { postStoreContract } from './post-store.contract';

describe('MemoryPostStore', () => {
  postStoreContract(() => Promise.resolve(new MemoryPostStore()));
});
