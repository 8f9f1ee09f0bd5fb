import { describeWithMongo, useTestDatabase } from '@blog/testing';
import { commentStoreContract } from './comment-store.contract';
import { MongoCommentStore } from './mongo-comment-store';

describeWithMongo('MongoCommentStore', () => {
  const mongo = useTestDatabase('comments_store', (database) => new MongoCommentStore(database));

  commentStoreContract(async () => {
    await mongo.clear();
    return new MongoCommentStore(mongo.database);
  });
});
