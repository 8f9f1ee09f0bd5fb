import { describeWithMongo, useTestDatabase } from '@blog/testing';
import { MongoPostStore } from './mongo-post-store';
import { postStoreContract } from './post-store.contract';

describeWithMongo('MongoPostStore', () => {
  const mongo = useTestDatabase('posts_store', (database) => new MongoPostStore(database));

  postStoreContract(async () => {
    await mongo.clear();
    return new MongoPostStore(mongo.database);
  });
});
