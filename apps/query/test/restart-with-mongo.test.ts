import type { BlogEvent } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import {
  CaptureServer,
  describeWithMongo,
  dropDatabase,
  eventually,
  sampleEvents,
  uniqueMongoUrl,
} from '@blog/testing';
import request from 'supertest';
import { queryService } from '../src/service';

describeWithMongo('query on MongoDB across a restart', () => {
  let url: string;
  let bus: CaptureServer;
  const started: Service[] = [];

  beforeAll(async () => {
    url = uniqueMongoUrl('query_restart');
    bus = await CaptureServer.start();
  });

  afterEach(async () => {
    await Promise.all(started.map((service) => service.stop()));
  });

  afterAll(async () => {
    await bus.close();
    await dropDatabase(url);
  });

  async function startQuery(): Promise<Service> {
    const query = await createService(queryService, {
      PORT: '0',
      MONGO_URL: url,
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    started.push(query);
    await query.start();
    await eventually(() => request(query.url).get('/readyz').expect(200), { timeoutMs: 15_000 });
    return query;
  }

  async function deliver(query: Service, ...events: BlogEvent[]): Promise<void> {
    for (const event of events) {
      await request(query.url).post('/events').send(event).expect(200);
    }
  }

  it('serves the same model after a restart, and a redelivered old event changes nothing', async () => {
    const post = sampleEvents.postCreated({ title: 'Durable' });
    const created = sampleEvents.commentCreated({ postId: post.data.id, content: 'Kept' });
    const approved = sampleEvents.commentUpdated({
      id: created.data.id,
      postId: post.data.id,
      content: 'Kept',
      status: 'approved',
      version: 1,
    });
    const model = {
      [post.data.id]: {
        ...post.data,
        comments: [{ id: created.data.id, content: 'Kept', status: 'approved' }],
      },
    };

    const first = await startQuery();
    await deliver(first, post, created, approved);
    await request(first.url).get('/posts').expect(200, model);
    await first.stop();

    const second = await startQuery();
    await request(second.url).get('/posts').expect(200, model);
    await deliver(second, created, post);
    await request(second.url).get('/posts').expect(200, model);

    // Durable storage needs no replay: the log is never read.
    const ready = await request(second.url).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ mongodb: 'up' });
    expect(bus.requests).toEqual([]);
  });
});
