import { deterministicId, type BlogEvent } from '@blog/contracts';
import { createService, type Service } from '@blog/service-kit';
import { CaptureServer, sampleEvents } from '@blog/testing';
import request from 'supertest';
import { moderationService } from '../src/service';

describe('moderation', () => {
  let bus: CaptureServer;
  let moderation: Service;

  const startModeration = async (env: NodeJS.ProcessEnv = {}) => {
    const service = await createService(moderationService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
      ...env,
    });
    await service.start();
    return service;
  };

  beforeEach(async () => {
    bus = await CaptureServer.start(() => 201);
    moderation = await startModeration();
  });

  afterEach(async () => {
    await moderation.stop();
    await bus.close();
  });

  const deliver = (event: object, to: Service = moderation) =>
    request(to.url).post('/events').send(event);
  const published = () => bus.bodies<BlogEvent>();
  const verdicts = () => published().map((event) => (event.data as { status: string }).status);

  it('approves a clean comment and publishes the verdict to the event-bus', async () => {
    const created = sampleEvents.commentCreated({ content: 'What a lovely apple' });
    await deliver(created).expect(200, { status: 'processed' });

    expect(bus.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /events']);
    expect(published()).toEqual([
      {
        id: deterministicId(created.data.id, 'CommentModerated'),
        type: 'CommentModerated',
        occurredAt: expect.any(String),
        source: 'moderation',
        data: { ...created.data, status: 'approved' },
      },
    ]);
  });

  it.each(['orange', 'An ORANGE!'])('rejects a comment saying %j', async (content) => {
    const created = sampleEvents.commentCreated({ content });
    await deliver(created).expect(200);
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'CommentModerated',
        data: { ...created.data, status: 'rejected' },
      }),
    ]);
  });

  it('publishes a redelivered comment under the same event id', async () => {
    const created = sampleEvents.commentCreated();
    await deliver(created).expect(200);
    await deliver(created).expect(200);
    const expectedId = deterministicId(created.data.id, 'CommentModerated');
    expect(published().map((event) => event.id)).toEqual([expectedId, expectedId]);
    expect(verdicts()).toEqual(['approved', 'approved']);
  });

  it('answers 503 while the event-bus is down, so the bus delivers again later', async () => {
    const created = sampleEvents.commentCreated({ content: 'orange' });
    bus.respond = () => 503;
    const refused = await deliver(created).expect(503);
    expect(refused.body).toEqual({ errors: [{ message: 'event-bus is unavailable' }] });

    bus.respond = () => 201;
    const failedTries = bus.requests.length;
    await deliver(created).expect(200, { status: 'processed' });
    expect(published().slice(failedTries)).toEqual([
      expect.objectContaining({
        id: deterministicId(created.data.id, 'CommentModerated'),
        data: { ...created.data, status: 'rejected' },
      }),
    ]);
  });

  it('answers 503 while the event-bus is not reachable at all', async () => {
    await bus.close();
    const refused = await deliver(sampleEvents.commentCreated()).expect(503);
    expect(refused.body).toEqual({ errors: [{ message: 'event-bus is unavailable' }] });
  });

  it('ignores events that are not new comments', async () => {
    await deliver(sampleEvents.postCreated()).expect(200, { status: 'ignored' });
    await deliver(sampleEvents.commentModerated()).expect(200, { status: 'ignored' });
    expect(bus.requests).toHaveLength(0);
  });

  it('answers 400 to an invalid event and publishes nothing', async () => {
    const { data, ...envelope } = sampleEvents.commentCreated();
    const invalid = await deliver({ ...envelope, data: { ...data, content: '' } }).expect(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'data.content' })]);
    await request(moderation.url)
      .post('/events')
      .set('content-type', 'application/json')
      .send('{"type": ')
      .expect(400, { errors: [{ message: 'Malformed JSON body' }] });
    expect(bus.requests).toHaveLength(0);
  });

  it('blocks the words listed in BLOCKED_WORDS instead of the default', async () => {
    const custom = await startModeration({ BLOCKED_WORDS: 'kiwi, pear' });
    try {
      for (const content of ['a kiwi', 'one PEAR', 'an orange']) {
        await deliver(sampleEvents.commentCreated({ content }), custom).expect(200);
      }
    } finally {
      await custom.stop();
    }
    expect(verdicts()).toEqual(['rejected', 'rejected', 'approved']);
  });
});

describe('moderation configuration', () => {
  it('refuses to start with an invalid EVENT_BUS_URL, naming it', async () => {
    await expect(
      createService(moderationService, { EVENT_BUS_URL: 'not a url', LOG_LEVEL: 'silent' }),
    ).rejects.toThrow(/EVENT_BUS_URL/);
  });
});
