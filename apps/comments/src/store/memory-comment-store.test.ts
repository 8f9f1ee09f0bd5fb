import { commentStoreContract } from './comment-store.contract';
import { MemoryCommentStore } from './memory-comment-store';

describe('MemoryCommentStore', () => {
  commentStoreContract(() => Promise.resolve(new MemoryCommentStore()));
});
