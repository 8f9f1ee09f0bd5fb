import type { BlogEvent } from '@blog/contracts';
import { HttpEventPublisher, MemoryOutbox, OutboxRelay, type LoggedEvent } from '@blog/messaging';
import { createLogger, createService, type Service } from '@blog/service-kit';
import {
  CaptureServer,
  NatsServer,
  describeWithNatsServer,
  eventually,
  freePort,
  sampleEvents,
  uniqueStream,
} from '@blog/testing';
import request from 'supertest';
import { eventBusService } from '../src/service';

const SLOW = { timeoutMs: 60_000, intervalMs: 100 };

describeWithNatsServer('event-bus on JetStream, through faults', () => {
  let nats: NatsServer;
  let subscriber: CaptureServer;
  const buses: Service[] = [];

  beforeEach(async () => {
    subscriber = await CaptureServer.start();
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.stop()));
    await subscriber.close();
    await nats.destroy();
  });

  async function startBus(
    natsUrl: string,
    stream: ReturnType<typeof uniqueStream>,
  ): Promise<Service> {
    const bus = await createService(eventBusService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      NATS_URL: natsUrl,
      NATS_STREAM: stream.stream,
      NATS_SUBJECT_PREFIX: stream.subjectPrefix,
      SUBSCRIBERS: `audit=${subscriber.url}/events`,
      DELIVERY_TIMEOUT_MS: '2000',
      RETRY_INITIAL_MS: '50',
      RETRY_MAX_MS: '500',
    });
    buses.push(bus);
    await bus.start();
    return bus;
  }

  const ready = (bus: Service) =>
    eventually(() => request(bus.url).get('/readyz').expect(200), SLOW);

  async function wholeLog(bus: Service): Promise<LoggedEvent[]> {
    const { body } = await request(bus.url).get('/events?limit=1000').expect(200);
    return body.events;
  }

  /** Ids in the order the subscriber first saw them: redeliveries are allowed, reordering is not. */
  const firstSeen = () => [...new Set(subscriber.bodies<BlogEvent>().map((event) => event.id))];

  it.each([
    ['restarts', 'SIGTERM'],
    ['crashes', 'SIGKILL'],
  ] as const)(
    'loses nothing and stores nothing twice when NATS %s amid publishes and deliveries',
    async (_case, signal) => {
      nats = await NatsServer.create();
      await nats.start();
      const bus = await startBus(nats.url, uniqueStream());
      await ready(bus);

      // A producer as the services have one: an outbox and its relay, retrying until the bus has it.
      const outbox = new MemoryOutbox();
      const relay = new OutboxRelay(
        outbox,
        HttpEventPublisher.forBus(bus.url, 2000),
        createLogger('test', 'silent'),
        {
          pollIntervalMs: 100,
          backoff: { initialMs: 50, maxMs: 500 },
        },
      );
      relay.start();
      const produced: BlogEvent[] = [];
      const produce = async (count: number) => {
        for (let i = 0; i < count; i += 1) {
          const event = sampleEvents.postCreated();
          produced.push(event);
          outbox.append(event.data.id, event);
          relay.notify();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };

      try {
        await produce(30);
        await nats.stop(signal);
        await produce(20);
        await nats.start();
        await produce(30);

        await eventually(async () => {
          const logged = await wholeLog(bus);
          expect(logged.map(({ event }) => event.id).sort()).toEqual(
            produced.map((e) => e.id).sort(),
          );
        }, SLOW);
        const logOrder = (await wholeLog(bus)).map(({ event }) => event.id);
        await eventually(() => expect(firstSeen()).toEqual(logOrder), SLOW);
      } finally {
        await relay.stop();
      }
    },
  );

  it('starts while NATS is down: 503 and not ready, then recovers without a restart', async () => {
    nats = await NatsServer.create(await freePort());
    const bus = await startBus(nats.url, uniqueStream());
    const event = sampleEvents.postCreated();

    const refused = await request(bus.url).post('/events').send(event).expect(503);
    expect(refused.body).toEqual({ errors: [{ message: 'nats is unavailable' }] });
    const notReady = await request(bus.url).get('/readyz').expect(503);
    expect(notReady.body.checks).toEqual({ nats: 'down' });
    await request(bus.url).get('/events').expect(503);
    await request(bus.url).get('/subscriptions').expect(503);
    await request(bus.url).get('/healthz').expect(200);

    await nats.start();
    await ready(bus);
    await request(bus.url).post('/events').send(event).expect(201, { seq: 1, duplicate: false });
    await eventually(() => expect(subscriber.bodies()).toEqual([event]), SLOW);
  });

  it('delivers each event exactly once, in order, with two bus instances sharing the stream', async () => {
    nats = await NatsServer.create();
    await nats.start();
    const stream = uniqueStream();
    // Started together: both create the streams and the consumer if missing, at the same time.
    const replicas = await Promise.all([startBus(nats.url, stream), startBus(nats.url, stream)]);
    await Promise.all(replicas.map(ready));

    const events = Array.from({ length: 40 }, () => sampleEvents.postCreated());
    for (const [index, event] of events.entries()) {
      await request(replicas[index % 2]!.url)
        .post('/events')
        .send(event)
        .expect(201);
    }
    await eventually(() => expect(subscriber.requests.length).toBeGreaterThanOrEqual(40), SLOW);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(subscriber.bodies()).toEqual(events);
    // Both took part: each delivered some of them.
    for (const replica of replicas) {
      const { text } = await request(replica.url).get('/metrics').expect(200);
      expect(text).toMatch(/event_bus_deliveries_total\{[^}]*outcome="delivered"[^}]*\} [1-9]/);
    }
  });
});
