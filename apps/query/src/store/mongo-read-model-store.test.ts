import { describeWithMongo, useTestDatabase } from '@blog/testing';
import { MongoReadModelStore } from './mongo-read-model-store';
import { readModelStoreContract } from './read-model-store.contract';

describeWithMongo('MongoReadModelStore', () => {
  const mongo = useTestDatabase('query_store', (database) => new MongoReadModelStore(database));

  readModelStoreContract(async () => {
    await mongo.clear();
    return new MongoReadModelStore(mongo.database);
  });
});
