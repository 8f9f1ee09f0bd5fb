import { DELIVERY_HEADERS, verdictForStatus, type BlogEvent } from '@blog/contracts';
import {
  DependencyUnavailableError,
  createService,
  defineService,
  type Service,
} from '@blog/service-kit';
import { sampleEvents } from '@blog/testing';
import request from 'supertest';
import { UnprocessableEventError, eventReceiver, type Delivery } from './receiver';

describe('eventReceiver', () => {
  let service: Service;
  let handled: { event: BlogEvent; delivery: Delivery }[];
  let failWith: Error | undefined;

  beforeAll(async () => {
    const definition = defineService({
      name: 'receiver-test',
      defaultPort: 0,
      config: {},
      create: () => ({
        routes: (app) =>
          app.use(
            eventReceiver({
              PostCreated: (event, delivery) => {
                if (failWith) return Promise.reject(failWith);
                handled.push({ event, delivery });
                return Promise.resolve();
              },
            }),
          ),
      }),
    });
    service = await createService(definition, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    await service.start();
  });

  beforeEach(() => {
    handled = [];
    failWith = undefined;
  });

  afterAll(async () => {
    await service.stop();
  });

  const deliver = (body: unknown, headers: Record<string, string> = {}) =>
    request(service.url)
      .post('/events')
      .set(headers)
      .send(body as object);

  it('hands a valid event to its handler with the delivery headers, and answers 200', async () => {
    const event = sampleEvents.postCreated();
    const response = await deliver(event, {
      [DELIVERY_HEADERS.sequence]: '42',
      [DELIVERY_HEADERS.attempt]: '3',
    }).expect(200);
    expect(response.body).toEqual({ status: 'processed' });
    expect(handled).toEqual([{ event, delivery: { sequence: 42, attempt: 3 } }]);
  });

  it('counts a delivery without headers as a first attempt with no position', async () => {
    await deliver(sampleEvents.postCreated()).expect(200);
    expect(handled[0]?.delivery).toEqual({ attempt: 1 });
  });

  it.each(['abc', '0', '-4', '1.5', ''])('ignores a delivery header of %p', async (value) => {
    await deliver(sampleEvents.postCreated(), {
      [DELIVERY_HEADERS.sequence]: value,
      [DELIVERY_HEADERS.attempt]: value,
    }).expect(200);
    expect(handled[0]?.delivery).toEqual({ attempt: 1 });
  });

  it('acknowledges an event type it has no handler for, so the bus moves on', async () => {
    const response = await deliver(sampleEvents.commentCreated()).expect(200);
    expect(response.body).toEqual({ status: 'ignored' });
    expect(handled).toEqual([]);
  });

  it('answers 400 naming the field for an invalid event, which the bus dead-letters', async () => {
    const event = sampleEvents.postCreated();
    const response = await deliver({ ...event, data: { ...event.data, title: '' } }).expect(400);
    expect(response.body.errors).toEqual([{ message: expect.any(String), field: 'data.title' }]);
    expect(verdictForStatus(response.status)).toBe('dead-letter');
    expect(handled).toEqual([]);
  });

  it('answers 400 for an unknown event type', async () => {
    const response = await deliver({ ...sampleEvents.postCreated(), type: 'PostDeleted' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('type');
  });

  it('answers 415 for a body that is not JSON', async () => {
    await request(service.url)
      .post('/events')
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
  });

  it('answers 422 for an event the handler can never process, which the bus dead-letters', async () => {
    failWith = new UnprocessableEventError('post belongs to nobody');
    const response = await deliver(sampleEvents.postCreated()).expect(422);
    expect(response.body).toEqual({ errors: [{ message: 'post belongs to nobody' }] });
    expect(verdictForStatus(response.status)).toBe('dead-letter');
  });

  it('answers 503 with Retry-After when a dependency is down, which the bus retries', async () => {
    failWith = new DependencyUnavailableError('mongodb');
    const response = await deliver(sampleEvents.postCreated()).expect(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(verdictForStatus(response.status)).toBe('retry');
  });

  it('answers 500 for a bug in a handler, which the bus retries', async () => {
    failWith = new Error('bug');
    const response = await deliver(sampleEvents.postCreated()).expect(500);
    expect(verdictForStatus(response.status)).toBe('retry');
  });
});
