import { MongoDatabase } from '@blog/mongo';
import { createLogger } from '@blog/service-kit';
import { describeWithMongo, dropDatabase, uniqueMongoUrl } from '@blog/testing';
import { MongoPostStore } from './mongo-post-store';
import { postStoreContract } from './post-store.contract';

describeWithMongo('MongoPostStore', () => {
  let url: string;
  let database: MongoDatabase;

  beforeAll(async () => {
    url = uniqueMongoUrl('posts_store');
    database = new MongoDatabase(url, createLogger('test', 'silent'));
    new MongoPostStore(database);
    await database.connect();
  });

  afterAll(async () => {
    await database.close();
    await dropDatabase(url);
  });

  postStoreContract(async () => {
    const store = new MongoPostStore(database);
    await database.connection.collection('posts').deleteMany({});
    return store;
  });
});
