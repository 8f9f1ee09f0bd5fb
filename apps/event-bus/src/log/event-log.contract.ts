import { DELIVERY_HEADERS, type BlogEvent, type EventType } from '@blog/contracts';
import { createLogger } from '@blog/service-kit';
import { CaptureServer, eventually, sampleEvents, type Responder } from '@blog/testing';
import { Registry } from 'prom-client';
import type { SubscriptionState } from '../delivery/delivery-worker';
import { Subscriptions, type SubscriptionsOptions } from '../delivery/subscriptions';
import { BusMetrics } from '../metrics';
import type { EventLog } from './event-log';

/** Quick retries, so failing subscribers recover within a test. */
const POLICY: SubscriptionsOptions = {
  deliveryTimeoutMs: 2000,
  maxAttempts: 3,
  backoff: { initialMs: 20, maxMs: 200 },
};
const WAIT = { timeoutMs: 15_000 };

const events = (count: number): BlogEvent[] =>
  Array.from({ length: count }, () => sampleEvents.postCreated());
const ids = (list: BlogEvent[]) => list.map((event) => event.id);
const answer = (status: number) => () => status;

/**
 * What every EventLog must do, whatever holds it. It is run through the delivery workers that
 * both adapters share, against subscribers that are real HTTP servers, so the in-memory and the
 * JetStream logs pass exactly the same assertions. `openLog` gives a fresh, usable, empty log.
 */
export function eventLogContract(openLog: () => Promise<EventLog>): void {
  let log: EventLog;
  let subscriptions: Subscriptions | undefined;
  const servers: CaptureServer[] = [];

  beforeEach(async () => {
    log = await openLog();
  });

  afterEach(async () => {
    await Promise.all(subscriptions?.workers.map((worker) => worker.stop()) ?? []);
    subscriptions = undefined;
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await log.close();
  });

  async function subscriber(respond?: Responder): Promise<CaptureServer> {
    const server = await CaptureServer.start(respond);
    servers.push(server);
    return server;
  }

  /** Starts delivering to each server, named `s0`, `s1`...; `types` as in SUBSCRIBERS. */
  function deliverTo(
    targets: { server: CaptureServer; types?: EventType[] }[],
    policy = POLICY,
  ): Subscriptions {
    const subscribers = targets.map(({ server, types }, index) => ({
      name: `s${index}`,
      url: `${server.url}/events`,
      types: types ?? null,
    }));
    subscriptions = new Subscriptions(
      subscribers,
      log,
      policy,
      new BusMetrics(new Registry()),
      createLogger('test', 'silent'),
    );
    for (const worker of subscriptions.workers) worker.start();
    return subscriptions;
  }

  const received = (server: CaptureServer) => ids(server.bodies<BlogEvent>());
  const header = (server: CaptureServer, name: string) =>
    server.requests.map((request) => Number(request.headers[name]));
  const stateOf = async (name: string): Promise<SubscriptionState> => {
    const state = (await subscriptions!.list()).find((subscription) => subscription.name === name);
    if (!state) throw new Error(`no subscription ${name}`);
    return state;
  };
  /** Lets deliveries that should not happen have their chance to happen. */
  const pause = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('storing', () => {
    it('appends events in order and answers their seqs', async () => {
      const appended = events(3);
      expect(await log.append(appended)).toEqual([
        { seq: 1, duplicate: false },
        { seq: 2, duplicate: false },
        { seq: 3, duplicate: false },
      ]);
      expect(await log.read(0, 10)).toEqual(appended.map((event, i) => ({ seq: i + 1, event })));
    });

    it('stores an id once and answers the original seq for a duplicate', async () => {
      const [first, second, third] = events(3) as [BlogEvent, BlogEvent, BlogEvent];
      await log.append([first]);
      expect(await log.append([second, first])).toEqual([
        { seq: 2, duplicate: false },
        { seq: 1, duplicate: true },
      ]);
      expect(await log.append([third, third])).toEqual([
        { seq: 3, duplicate: false },
        { seq: 3, duplicate: true },
      ]);
      expect((await log.read(0, 10)).map(({ event }) => event)).toEqual([first, second, third]);
    });

    it('reads a page at a time', async () => {
      const appended = events(5);
      await log.append(appended);
      const page = async (after: number) => (await log.read(after, 2)).map(({ seq }) => seq);
      expect(await page(0)).toEqual([1, 2]);
      expect(await page(2)).toEqual([3, 4]);
      expect(await page(4)).toEqual([5]);
      expect(await page(5)).toEqual([]);
      expect(await page(100)).toEqual([]);
      expect((await log.read(1, 1))[0]?.event).toEqual(appended[1]);
    });
  });

  describe('delivering', () => {
    it('delivers every event to every subscriber, in log order, with its seq', async () => {
      const [first, second] = [await subscriber(), await subscriber()];
      deliverTo([{ server: first }, { server: second }]);
      const appended = events(5);
      await log.append(appended.slice(0, 2));
      await log.append(appended.slice(2));

      for (const server of [first, second]) {
        await eventually(() => expect(received(server)).toEqual(ids(appended)), WAIT);
        expect(server.requests.map(({ method, path }) => `${method} ${path}`)).toEqual(
          Array(5).fill('POST /events'),
        );
        expect(header(server, DELIVERY_HEADERS.sequence)).toEqual([1, 2, 3, 4, 5]);
        expect(header(server, DELIVERY_HEADERS.attempt)).toEqual([1, 1, 1, 1, 1]);
      }
      await eventually(async () => {
        expect(await stateOf('s0')).toMatchObject({
          position: 5,
          lag: 0,
          inFlight: 0,
          deadLetters: 0,
          retries: 0,
          lastError: null,
        });
      }, WAIT);
    });

    it('replays the whole log to a subscriber it has never seen', async () => {
      const appended = events(3);
      await log.append(appended);
      const late = await subscriber();
      deliverTo([{ server: late }]);
      await eventually(() => expect(received(late)).toEqual(ids(appended)), WAIT);
    });

    it('delivers only the types a subscriber takes, and moves past the others', async () => {
      const server = await subscriber();
      deliverTo([{ server, types: ['CommentCreated', 'CommentUpdated'] }]);
      const taken = [sampleEvents.commentCreated(), sampleEvents.commentUpdated()];
      await log.append([
        sampleEvents.postCreated(),
        taken[0]!,
        sampleEvents.commentModerated(),
        taken[1]!,
        sampleEvents.postCreated(),
      ]);
      await eventually(async () => expect((await stateOf('s0')).position).toBe(5), WAIT);
      expect(received(server)).toEqual(ids(taken));
      expect(header(server, DELIVERY_HEADERS.sequence)).toEqual([2, 4]);
    });

    it('retries an unavailable subscriber, keeping the order: nothing after the event before it', async () => {
      let calls = 0;
      const server = await subscriber(() => (++calls <= 3 ? 503 : 200));
      deliverTo([{ server }]);
      const appended = events(2);
      await log.append(appended);

      const [first, second] = ids(appended) as [string, string];
      await eventually(
        () => expect(received(server)).toEqual([first, first, first, first, second]),
        WAIT,
      );
      expect(header(server, DELIVERY_HEADERS.attempt)).toEqual([1, 2, 3, 4, 1]);
      expect(header(server, DELIVERY_HEADERS.sequence)).toEqual([1, 1, 1, 1, 2]);
      await eventually(async () => {
        const state = await stateOf('s0');
        expect(state).toMatchObject({
          position: 2,
          lag: 0,
          inFlight: 0,
          deadLetters: 0,
          retries: 3,
        });
        expect(state.lastError?.message).toMatch(/event 1: answered 503/);
        expect(Date.parse(state.lastError?.at ?? '')).not.toBeNaN();
      }, WAIT);
    });

    it('waits for a subscriber that is down for a while, without loss, and without holding up others', async () => {
      let down = true;
      const notNow = [503, 502, 504, 429, 408];
      let calls = 0;
      const flaky = await subscriber(() => (down ? notNow[calls++ % notNow.length]! : 200));
      const healthy = await subscriber();
      deliverTo([{ server: flaky }, { server: healthy }]);
      const appended = events(6);
      for (const event of appended) await log.append([event]);

      await eventually(() => expect(received(healthy)).toEqual(ids(appended)), WAIT);
      // Tried more often than MAX_ATTEMPTS, and still only the first event, never dead-lettered.
      await eventually(
        () => expect(flaky.requests.length).toBeGreaterThan(POLICY.maxAttempts + 2),
        WAIT,
      );
      expect(new Set(received(flaky))).toEqual(new Set([appended[0]!.id]));
      expect(await stateOf('s0')).toMatchObject({
        position: 0,
        lag: 6,
        inFlight: 1,
        deadLetters: 0,
      });

      down = false;
      await eventually(async () => expect((await stateOf('s0')).position).toBe(6), WAIT);
      const firstSeen = [...new Set(received(flaky))];
      expect(firstSeen).toEqual(ids(appended));
      expect(await stateOf('s0')).toMatchObject({ lag: 0, inFlight: 0, deadLetters: 0 });
    });

    it('counts a subscriber that does not answer in time as unavailable', async () => {
      let calls = 0;
      const slow = await subscriber(async () => {
        calls += 1;
        if (calls <= 2) await pause(2500);
        return 200;
      });
      deliverTo([{ server: slow }], { ...POLICY, deliveryTimeoutMs: 1000 });
      await log.append(events(1));

      await eventually(async () => expect((await stateOf('s0')).position).toBe(1), WAIT);
      expect(header(slow, DELIVERY_HEADERS.attempt).slice(0, 3)).toEqual([1, 2, 3]);
      const state = await stateOf('s0');
      expect(state.deadLetters).toBe(0);
      expect(state.lastError?.message).toMatch(/event 1: no answer/);
    });
  });

  describe('dead letters', () => {
    it('sets aside at once an event the subscriber refuses (4xx) and goes on', async () => {
      const appended = events(4);
      const refusals: Record<string, number> = { [appended[1]!.id]: 422, [appended[2]!.id]: 400 };
      const server = await subscriber(({ body }) => refusals[(body as BlogEvent).id] ?? 200);
      deliverTo([{ server }]);
      await log.append(appended);

      await eventually(async () => expect((await stateOf('s0')).position).toBe(4), WAIT);
      expect(received(server)).toEqual(ids(appended));
      const [refused, invalid, ...others] = await subscriptions!.deadLetters('s0', 10);
      expect(others).toEqual([]);
      expect(refused).toMatchObject({ seq: 2, event: appended[1], attempts: 1 });
      expect(refused?.reason).toMatch(/answered 422/);
      expect(Date.parse(refused?.failedAt ?? '')).not.toBeNaN();
      expect(invalid).toMatchObject({ seq: 3, event: appended[2], attempts: 1 });
      expect(invalid?.reason).toMatch(/answered 400/);
      expect(await subscriptions!.deadLetters('s0', 1)).toHaveLength(1);
      expect(await stateOf('s0')).toMatchObject({ deadLetters: 2, lag: 0 });
    });

    it('sets aside an event after MAX_ATTEMPTS crashes (500) and goes on', async () => {
      const appended = events(3);
      const poison = appended[1]!.id;
      const server = await subscriber(({ body }) =>
        (body as BlogEvent).id === poison ? 500 : 200,
      );
      deliverTo([{ server }]);
      await log.append(appended);

      await eventually(async () => expect((await stateOf('s0')).position).toBe(3), WAIT);
      expect(received(server)).toEqual([appended[0]!.id, poison, poison, poison, appended[2]!.id]);
      const deadLetters = await subscriptions!.deadLetters('s0', 10);
      expect(deadLetters).toHaveLength(1);
      expect(deadLetters[0]).toMatchObject({ seq: 2, event: appended[1], attempts: 3 });
      expect(deadLetters[0]?.reason).toMatch(/answered 500/);
    });

    it('redrives dead letters: delivered ones leave the list, refused ones stay', async () => {
      let fixed = false;
      const server = await subscriber(() => (fixed ? 200 : 422));
      deliverTo([{ server }]);
      const appended = events(2);
      await log.append(appended);
      await eventually(async () => expect((await stateOf('s0')).deadLetters).toBe(2), WAIT);

      expect(await subscriptions!.redrive('s0')).toEqual({ redriven: 0, remaining: 2 });
      expect(header(server, DELIVERY_HEADERS.attempt)).toEqual([1, 1, 2, 2]);

      fixed = true;
      expect(await subscriptions!.redrive('s0')).toEqual({ redriven: 2, remaining: 0 });
      expect(received(server).slice(4)).toEqual(ids(appended));
      expect(header(server, DELIVERY_HEADERS.sequence).slice(4)).toEqual([1, 2]);
      expect(await subscriptions!.deadLetters('s0', 10)).toEqual([]);
      expect(await stateOf('s0')).toMatchObject({ deadLetters: 0, position: 2 });
    });

    it('stops a redrive at the first dead letter while the subscriber is unavailable', async () => {
      const server = await subscriber(answer(404));
      deliverTo([{ server }]);
      await log.append(events(2));
      await eventually(async () => expect((await stateOf('s0')).deadLetters).toBe(2), WAIT);

      server.respond = answer(503);
      expect(await subscriptions!.redrive('s0')).toEqual({ redriven: 0, remaining: 2 });
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('stopping', () => {
    it('finishes the delivery in flight before stop() resolves, and takes no new event', async () => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const server = await subscriber(async () => {
        await released;
        return 200;
      });
      const [worker] = deliverTo([{ server }]).workers;
      await log.append(events(2));
      await eventually(() => expect(server.requests).toHaveLength(1), WAIT);

      let stopped = false;
      const stopping = worker!.stop().then(() => (stopped = true));
      await pause(300);
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await stateOf('s0')).toMatchObject({ position: 1, lag: 1 });
      await pause();
      expect(server.requests).toHaveLength(1);
    });
  });
}
