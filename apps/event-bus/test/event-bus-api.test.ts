import { CONTENT_MAX_LENGTH, DELIVERY_HEADERS, type BlogEvent } from '@blog/contracts';
import { EventLogReader, HttpEventPublisher, PUBLISH_BATCH_MAX } from '@blog/messaging';
import { ConfigError, createService, type Service } from '@blog/service-kit';
import { CaptureServer, eventually, sampleEvents } from '@blog/testing';
import request from 'supertest';
import { eventBusService } from '../src/service';

describe('event-bus API', () => {
  let query: CaptureServer;
  let audit: CaptureServer;
  let bus: Service;

  beforeEach(async () => {
    query = await CaptureServer.start();
    audit = await CaptureServer.start();
    bus = await createService(eventBusService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUBSCRIBERS: `query[PostCreated|CommentCreated]=${query.url}/events,audit=${audit.url}/events`,
      RETRY_INITIAL_MS: '10',
      RETRY_MAX_MS: '100',
    });
    await bus.start();
  });

  afterEach(async () => {
    await bus.stop();
    await query.close();
    await audit.close();
  });

  const logged = async () => (await request(bus.url).get('/events').expect(200)).body.events;

  it('appends an event (201), and answers a second append of its id with the original seq (200)', async () => {
    const event = sampleEvents.postCreated();
    await request(bus.url).post('/events').send(event).expect(201, { seq: 1, duplicate: false });
    await request(bus.url).post('/events').send(sampleEvents.postCreated()).expect(201);
    await request(bus.url).post('/events').send(event).expect(200, { seq: 1, duplicate: true });
    expect((await logged()).map((entry: { seq: number }) => entry.seq)).toEqual([1, 2]);
  });

  it('appends a batch in order and answers each id with its seq', async () => {
    const earlier = sampleEvents.postCreated();
    await request(bus.url).post('/events').send(earlier).expect(201);
    const batch = [sampleEvents.postCreated(), earlier, sampleEvents.commentCreated()];
    const response = await request(bus.url).post('/events/batch').send({ events: batch });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      results: [
        { id: batch[0]!.id, seq: 2, duplicate: false },
        { id: earlier.id, seq: 1, duplicate: true },
        { id: batch[2]!.id, seq: 3, duplicate: false },
      ],
    });
  });

  it('delivers to each subscriber the types it takes, and shows their progress', async () => {
    const post = sampleEvents.postCreated();
    const moderated = sampleEvents.commentModerated();
    await request(bus.url)
      .post('/events/batch')
      .send({ events: [post, moderated] })
      .expect(201);

    await eventually(() => expect(audit.bodies()).toEqual([post, moderated]));
    await eventually(async () => {
      const { body } = await request(bus.url).get('/subscriptions').expect(200);
      expect(body).toEqual({
        subscriptions: [
          {
            name: 'query',
            url: `${query.url}/events`,
            types: ['PostCreated', 'CommentCreated'],
            position: 2,
            lag: 0,
            inFlight: 0,
            retries: 0,
            deadLetters: 0,
            lastError: null,
          },
          expect.objectContaining({ name: 'audit', types: null, position: 2, lag: 0 }),
        ],
      });
    });
    expect(query.bodies()).toEqual([post]);
    expect(query.requests[0]!.headers[DELIVERY_HEADERS.sequence]).toBe('1');
  });

  it('pages through the log: `next` is the seq to read after, null after a short page', async () => {
    const events = Array.from({ length: 5 }, () => sampleEvents.postCreated());
    await request(bus.url).post('/events/batch').send({ events }).expect(201);

    const first = await request(bus.url).get('/events?limit=2').expect(200);
    expect(first.body).toEqual({
      events: [
        { seq: 1, event: events[0] },
        { seq: 2, event: events[1] },
      ],
      next: 2,
    });
    const last = await request(bus.url).get('/events?after=4&limit=2').expect(200);
    expect(last.body).toEqual({ events: [{ seq: 5, event: events[4] }], next: null });
    const all = await request(bus.url).get('/events').expect(200);
    expect(all.body.events).toHaveLength(5);
    expect(all.body.next).toBeNull();
  });

  it('speaks the protocol of @blog/messaging: HttpEventPublisher writes, EventLogReader reads', async () => {
    const publisher = HttpEventPublisher.forBus(bus.url);
    const one = sampleEvents.postCreated();
    const three = [sampleEvents.postCreated(), sampleEvents.commentCreated(), one];
    await publisher.publish([one]);
    await publisher.publish(three);

    const read: BlogEvent[] = [];
    const last = await EventLogReader.forBus(bus.url).readAll(
      0,
      ({ event }) => {
        read.push(event);
        return Promise.resolve();
      },
      2,
    );
    expect(last).toBe(3);
    expect(read).toEqual([one, three[0], three[1]]);
  });

  it(`accepts a full batch of ${PUBLISH_BATCH_MAX} events of the largest size`, async () => {
    // Control characters take 6 bytes each in JSON (\u0001): the largest body a batch can be.
    const content = '\u0001'.repeat(CONTENT_MAX_LENGTH);
    const events = Array.from({ length: PUBLISH_BATCH_MAX }, () =>
      sampleEvents.commentUpdated({ content }),
    );
    const response = await request(bus.url).post('/events/batch').send({ events }).expect(201);
    expect(response.body.results).toHaveLength(PUBLISH_BATCH_MAX);
    expect(response.body.results.at(-1).seq).toBe(PUBLISH_BATCH_MAX);
  });

  it('dead-letters what a subscriber refuses, lists it, and redrives it once fixed', async () => {
    audit.respond = () => 422;
    const event = sampleEvents.postCreated();
    await request(bus.url).post('/events').send(event).expect(201);

    const listed = await eventually(async () => {
      const { body } = await request(bus.url).get('/subscriptions/audit/dead-letters').expect(200);
      expect(body.deadLetters).toHaveLength(1);
      return body.deadLetters;
    });
    expect(listed[0]).toEqual({
      seq: 1,
      event,
      reason: 'answered 422',
      attempts: 1,
      failedAt: expect.any(String),
    });

    audit.respond = () => 200;
    await request(bus.url)
      .post('/subscriptions/audit/redrive')
      .expect(200, { redriven: 1, remaining: 0 });
    expect(audit.bodies()).toEqual([event, event]);
    await request(bus.url)
      .get('/subscriptions/audit/dead-letters')
      .expect(200, { deadLetters: [] });
  });

  it('counts appended events and deliveries on /metrics', async () => {
    const event = sampleEvents.postCreated();
    await request(bus.url).post('/events').send(event).expect(201);
    await request(bus.url).post('/events').send(event).expect(200);
    await eventually(() => expect(audit.requests).toHaveLength(1));

    const { text } = await request(bus.url).get('/metrics').expect(200);
    expect(text).toMatch(/event_bus_events_appended_total\{[^}]*outcome="stored"[^}]*\} 1/);
    expect(text).toMatch(/event_bus_events_appended_total\{[^}]*outcome="duplicate"[^}]*\} 1/);
    expect(text).toMatch(
      /event_bus_deliveries_total\{[^}]*subscriber="audit"[^}]*outcome="delivered"[^}]*\} 1/,
    );
  });

  describe('rejects bad input with the error shape, storing nothing', () => {
    const invalidPost = () => ({ ...sampleEvents.postCreated(), data: { id: 'x' } });

    it.each([
      ['an unknown event type', { ...sampleEvents.postCreated(), type: 'PostDeleted' }, 'type'],
      [
        'a missing field',
        { ...sampleEvents.postCreated(), data: { id: sampleEvents.postCreated().data.id } },
        'data.title',
      ],
      [
        'a field of the wrong type',
        { ...sampleEvents.postCreated(), occurredAt: 42 },
        'occurredAt',
      ],
    ])('POST /events: 400 for %s', async (_case, body, field) => {
      const response = await request(bus.url).post('/events').send(body).expect(400);
      expect(response.body.errors).toContainEqual({ message: expect.any(String), field });
      expect(await logged()).toEqual([]);
    });

    it('400 for malformed JSON and 415 for a body that is not JSON', async () => {
      const malformed = await request(bus.url)
        .post('/events')
        .set('content-type', 'application/json')
        .send('{"id": ')
        .expect(400);
      expect(malformed.body).toEqual({ errors: [{ message: 'Malformed JSON body' }] });
      const text = await request(bus.url)
        .post('/events/batch')
        .set('content-type', 'text/plain')
        .send('events')
        .expect(415);
      expect(text.body.errors[0].message).toMatch(/JSON/);
    });

    it.each([
      ['no events field', {}, 'events'],
      ['events that are not an array', { events: {} }, 'events'],
      ['an empty batch', { events: [] }, 'events'],
      [
        `a batch over ${PUBLISH_BATCH_MAX} events`,
        { events: Array.from({ length: PUBLISH_BATCH_MAX + 1 }, () => sampleEvents.postCreated()) },
        'events',
      ],
    ])('POST /events/batch: 400 for %s', async (_case, body, field) => {
      const response = await request(bus.url).post('/events/batch').send(body).expect(400);
      expect(response.body.errors).toEqual([{ message: expect.any(String), field }]);
    });

    it('POST /events/batch: 400 naming the invalid event, and none of the valid ones stored', async () => {
      const events = [
        sampleEvents.postCreated(),
        sampleEvents.postCreated(),
        sampleEvents.postCreated(),
        invalidPost(),
      ];
      const response = await request(bus.url).post('/events/batch').send({ events }).expect(400);
      expect(response.body.errors).toContainEqual({
        message: expect.any(String),
        field: 'events.3.data.id',
      });
      expect(response.body.errors).toContainEqual({
        message: expect.any(String),
        field: 'events.3.data.title',
      });
      expect(await logged()).toEqual([]);
    });

    it.each([
      ['after=-1', 'after'],
      ['after=abc', 'after'],
      ['after=1.5', 'after'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
    ])('GET /events?%s: 400', async (query, field) => {
      const response = await request(bus.url).get(`/events?${query}`).expect(400);
      expect(response.body).toEqual({ errors: [{ message: expect.any(String), field }] });
    });

    it('GET dead letters: 400 for a bad limit', async () => {
      const response = await request(bus.url)
        .get('/subscriptions/audit/dead-letters?limit=0')
        .expect(400);
      expect(response.body).toEqual({ errors: [{ message: expect.any(String), field: 'limit' }] });
    });

    it('404 for an unknown subscription', async () => {
      const notFound = { errors: [{ message: 'No subscription named nope', field: 'name' }] };
      await request(bus.url).get('/subscriptions/nope/dead-letters').expect(404, notFound);
      await request(bus.url).post('/subscriptions/nope/redrive').expect(404, notFound);
    });
  });
});

describe('event-bus configuration', () => {
  it('delivers to the local topology of `npm start` when SUBSCRIBERS is unset', async () => {
    // Not started, so nothing is delivered to whatever may listen on those ports.
    const bus = await createService(eventBusService, { PORT: '0', LOG_LEVEL: 'silent' });
    const { body } = await request(bus.app).get('/subscriptions').expect(200);
    expect(
      body.subscriptions.map((s: { name: string; url: string; types: string[] }) => [
        s.name,
        s.url,
        s.types,
      ]),
    ).toEqual([
      [
        'query',
        'http://localhost:4002/events',
        ['PostCreated', 'CommentCreated', 'CommentUpdated'],
      ],
      ['comments', 'http://localhost:4001/events', ['PostCreated', 'CommentModerated']],
      ['moderation', 'http://localhost:4003/events', ['CommentCreated']],
    ]);
  });

  it('refuses to start with a bad SUBSCRIBERS entry, naming it', async () => {
    const env = {
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUBSCRIBERS: 'query[PostCreated|Nope]=http://q/events',
    };
    await expect(createService(eventBusService, env)).rejects.toThrow(ConfigError);
    await expect(createService(eventBusService, env)).rejects.toThrow(
      /SUBSCRIBERS: .*unknown event type "Nope"/,
    );
  });
});
