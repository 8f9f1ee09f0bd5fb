import { inheritableEnv, serviceEnv, subscribers, withDatabase } from './service-env';
import { DEFAULT_PORTS, SERVICES } from './services';

const ports = DEFAULT_PORTS;

describe('serviceEnv', () => {
  it('gives each data service its own database on the MongoDB server', () => {
    const mongoUrl = 'mongodb://127.0.0.1:27017';
    expect(serviceEnv('posts', ports, { mongoUrl }).MONGO_URL).toBe(
      'mongodb://127.0.0.1:27017/posts',
    );
    expect(serviceEnv('comments', ports, { mongoUrl }).MONGO_URL).toBe(
      'mongodb://127.0.0.1:27017/comments',
    );
    expect(serviceEnv('query', ports, { mongoUrl }).MONGO_URL).toBe(
      'mongodb://127.0.0.1:27017/query',
    );
  });

  it('gives no database to services that keep none', () => {
    const mongoUrl = 'mongodb://127.0.0.1:27017';
    expect(serviceEnv('moderation', ports, { mongoUrl })).not.toHaveProperty('MONGO_URL');
    expect(serviceEnv('event-bus', ports, { mongoUrl })).not.toHaveProperty('MONGO_URL');
  });

  it('keeps every service in memory when no backend is given', () => {
    for (const service of SERVICES) {
      const env = serviceEnv(service, ports, {});
      expect(env).not.toHaveProperty('MONGO_URL');
      expect(env).not.toHaveProperty('NATS_URL');
    }
  });

  it('hands NATS to the event-bus only', () => {
    const natsUrl = 'nats://127.0.0.1:4222';
    expect(serviceEnv('event-bus', ports, { natsUrl }).NATS_URL).toBe(natsUrl);
    for (const service of SERVICES.filter((name) => name !== 'event-bus')) {
      expect(serviceEnv(service, ports, { natsUrl })).not.toHaveProperty('NATS_URL');
    }
  });

  it('points the services at each other on the chosen ports', () => {
    const moved = { ...ports, posts: 5000, 'event-bus': 5005, comments: 5001 };
    expect(serviceEnv('comments', moved, {})).toEqual({
      PORT: '5001',
      EVENT_BUS_URL: 'http://127.0.0.1:5005',
      POSTS_URL: 'http://127.0.0.1:5000',
    });
    expect(serviceEnv('moderation', moved, {})).toEqual({
      PORT: '4003',
      EVENT_BUS_URL: 'http://127.0.0.1:5005',
    });
  });

  it('subscribes query, comments and moderation to their events at the event-bus', () => {
    expect(serviceEnv('event-bus', ports, {}).SUBSCRIBERS).toBe(subscribers(ports));
    expect(subscribers({ ...ports, query: 6002 })).toBe(
      'query[PostCreated|CommentCreated|CommentUpdated]=http://127.0.0.1:6002/events,' +
        'comments[PostCreated|CommentModerated]=http://127.0.0.1:4001/events,' +
        'moderation[CommentCreated]=http://127.0.0.1:4003/events',
    );
  });
});

describe('withDatabase', () => {
  it('replaces the database name and keeps the options', () => {
    expect(withDatabase('mongodb://user:secret@db:27017/blog?authSource=admin', 'posts')).toBe(
      'mongodb://user:secret@db:27017/posts?authSource=admin',
    );
    expect(withDatabase('mongodb://db:27017/?retryWrites=true', 'query')).toBe(
      'mongodb://db:27017/query?retryWrites=true',
    );
  });

  it('works for replica sets and SRV records', () => {
    expect(withDatabase('mongodb://a:27017,b:27017/x?replicaSet=rs0', 'comments')).toBe(
      'mongodb://a:27017,b:27017/comments?replicaSet=rs0',
    );
    expect(withDatabase('mongodb+srv://cluster0.example.net', 'posts')).toBe(
      'mongodb+srv://cluster0.example.net/posts',
    );
  });

  it('refuses what is not a MongoDB URL', () => {
    expect(() => withDatabase('http://db:27017', 'posts')).toThrow(/mongodb:\/\//);
  });
});

describe('inheritableEnv', () => {
  it('passes settings through but not what the stack decides per service', () => {
    const env = inheritableEnv({
      LOG_LEVEL: 'debug',
      BLOCKED_WORDS: 'kiwi',
      MONGO_URL: 'mongodb://db:27017',
      NATS_URL: 'nats://bus:4222',
      PORT: '3000',
      SUBSCRIBERS: 'x[PostCreated]=http://x/events',
    });
    expect(env).toEqual({ LOG_LEVEL: 'debug', BLOCKED_WORDS: 'kiwi' });
  });
});

describe('stack databases', () => {
  it('puts a prefix in front of each database name, so stacks can share a server', () => {
    const env = serviceEnv('comments', ports, {
      mongoUrl: 'mongodb://127.0.0.1:27017',
      databasePrefix: 'run42',
    });
    expect(env.MONGO_URL).toBe('mongodb://127.0.0.1:27017/run42_comments');
  });
});
