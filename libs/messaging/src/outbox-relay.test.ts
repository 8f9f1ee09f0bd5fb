import type { BlogEvent } from '@blog/contracts';
import { createLogger } from '@blog/service-kit';
import { CaptureServer, eventsIn, eventually, sampleEvents } from '@blog/testing';
import { MemoryOutbox } from './outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { HttpEventPublisher } from './publisher';

/** Long enough that anything published within a test was not picked up by polling. */
const NO_POLLING = 60_000;

describe('OutboxRelay', () => {
  let bus: CaptureServer;
  let outbox: MemoryOutbox;
  let relay: OutboxRelay | undefined;
  /** The events the bus accepted, in the order it accepted them. */
  let accepted: BlogEvent[];

  /** Makes the bus answer `status()`, recording the events of every request it answers 2xx. */
  const busAnswers = (status: () => number | Promise<number>) => {
    bus.respond = async (request) => {
      const code = await status();
      if (code >= 200 && code < 300) accepted.push(...eventsIn(request));
      return code;
    };
  };

  beforeEach(async () => {
    bus = await CaptureServer.start();
    busAnswers(() => 201);
    accepted = [];
    outbox = new MemoryOutbox();
  });

  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await bus.close();
  });

  function startRelay(options: OutboxRelayOptions = {}): OutboxRelay {
    relay = new OutboxRelay(
      outbox,
      HttpEventPublisher.forBus(bus.url),
      createLogger('relay-test', 'silent'),
      { pollIntervalMs: NO_POLLING, backoff: { initialMs: 20, maxMs: 200 }, ...options },
    );
    relay.start();
    return relay;
  }

  function write(aggregateId: string, count = 1): BlogEvent[] {
    const events = Array.from({ length: count }, () =>
      sampleEvents.commentUpdated({ id: aggregateId }),
    );
    outbox.append(aggregateId, ...events);
    return events;
  }

  const pendingCount = async () =>
    (await outbox.pendingOutbox(1000)).reduce((sum, entry) => sum + entry.events.length, 0);

  it('publishes what the outbox held at start, in write order', async () => {
    const written = [...write('a', 2), ...write('b'), ...write('c', 3)];
    startRelay();
    await eventually(() => expect(accepted).toEqual(written));
    await eventually(async () => expect(await pendingCount()).toBe(0));
  });

  it('publishes at once when notified, without waiting for the poll', async () => {
    const reads = jest.spyOn(outbox, 'pendingOutbox');
    const running = startRelay();
    await eventually(() => expect(reads).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setImmediate(resolve));
    const written = write('a');
    running.notify();
    await eventually(() => expect(accepted).toEqual(written));
  });

  it('publishes everything that does not fit in one batch in one go', async () => {
    const written = ['a', 'b', 'c', 'd', 'e'].flatMap((id) => write(id));
    startRelay({ batchSize: 2 });
    await eventually(() => expect(accepted).toEqual(written));
  });

  it('picks up events written while a round was publishing', async () => {
    let release = () => {};
    const firstAnswer = new Promise<number>((resolve) => (release = () => resolve(201)));
    busAnswers(() => (bus.requests.length === 1 ? firstAnswer : 201));
    const first = write('a');
    const running = startRelay();
    await eventually(() => expect(bus.requests).toHaveLength(1));
    const second = write('b');
    running.notify();
    release();
    await eventually(() => expect(accepted).toEqual([...first, ...second]));
  });

  it('keeps every event while the bus is down and publishes them all once it is back', async () => {
    let status = 503;
    busAnswers(() => status);
    const written = [...write('a'), ...write('b', 2)];
    startRelay();
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(3));
    expect(await pendingCount()).toBe(3);
    expect(accepted).toEqual([]);

    status = 201;
    await eventually(() => expect(accepted).toEqual(written), { timeoutMs: 10_000 });
    await eventually(async () => expect(await pendingCount()).toBe(0));
  });

  it('keeps events the bus rejects, for when the bug is fixed', async () => {
    let status = 400;
    busAnswers(() => status);
    const written = write('a');
    startRelay();
    await eventually(() => expect(bus.requests.length).toBeGreaterThan(1));
    expect(await pendingCount()).toBe(1);
    status = 201;
    await eventually(() => expect(accepted).toEqual(written), { timeoutMs: 10_000 });
  });

  it('sends nothing twice once everything is published', async () => {
    busAnswers(() => 201);
    write('a');
    write('b');
    startRelay({ pollIntervalMs: 50 });
    await eventually(() => expect(accepted).toHaveLength(2));
    const requests = bus.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bus.requests).toHaveLength(requests);
    expect(accepted).toHaveLength(2);
  });

  it('stop() waits for the round in flight and records what it published', async () => {
    let release = () => {};
    const answered = new Promise<number>((resolve) => (release = () => resolve(201)));
    busAnswers(() => answered);
    const written = write('a');
    const running = startRelay();
    await eventually(() => expect(bus.requests).toHaveLength(1));

    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect(accepted).toEqual(written);
    expect(await pendingCount()).toBe(0);
  });

  it('stop() does not wait out a backoff', async () => {
    busAnswers(() => 503);
    write('a');
    const running = startRelay({ backoff: { initialMs: NO_POLLING, maxMs: NO_POLLING } });
    await eventually(() => expect(bus.requests.length).toBeGreaterThanOrEqual(3));
    await running.stop();
    expect(await pendingCount()).toBe(1);
  });
});
