import type { BlogEvent } from '@blog/contracts';
import { DependencyUnavailableError } from '@blog/service-kit';
import { CaptureServer, eventsIn, sampleEvents } from '@blog/testing';
import { EventRejectedError, HttpEventPublisher, PUBLISH_BATCH_MAX } from './publisher';

const someEvents = (count: number): BlogEvent[] =>
  Array.from({ length: count }, (_, index) => sampleEvents.postCreated({ title: `post ${index}` }));

describe('HttpEventPublisher', () => {
  let bus: CaptureServer;
  let publisher: HttpEventPublisher;

  beforeEach(async () => {
    bus = await CaptureServer.start(() => 201);
    publisher = HttpEventPublisher.forBus(bus.url);
  });

  afterEach(async () => {
    await bus.close();
  });

  it('sends a single event to POST /events', async () => {
    const [event] = someEvents(1);
    await publisher.publish([event!]);
    expect(bus.requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', '/events'],
    ]);
    expect(bus.bodies()).toEqual([event]);
  });

  it('sends several events in one POST /events/batch, in order', async () => {
    const events = someEvents(3);
    await publisher.publish(events);
    expect(bus.requests.map((request) => request.path)).toEqual(['/events/batch']);
    expect(bus.bodies()).toEqual([{ events }]);
  });

  it(`splits more than ${PUBLISH_BATCH_MAX} events into requests sent one after another`, async () => {
    const events = someEvents(2 * PUBLISH_BATCH_MAX + 1);
    await publisher.publish(events);
    expect(bus.requests.map((request) => request.path)).toEqual([
      '/events/batch',
      '/events/batch',
      '/events',
    ]);
    expect(bus.requests.flatMap(eventsIn)).toEqual(events);
  });

  it('sends nothing for no events', async () => {
    await publisher.publish([]);
    expect(bus.requests).toHaveLength(0);
  });

  it.each([400, 409, 413, 422])(
    'turns a %i answer into EventRejectedError, without retrying',
    async (status) => {
      bus.respond = () => status;
      const error: unknown = await publisher.publish(someEvents(2)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventRejectedError);
      expect(error).toMatchObject({ status, body: {} });
      expect(bus.requests).toHaveLength(1);
    },
  );

  it.each([500, 503, 429, 408])(
    'turns a %i answer into DependencyUnavailableError',
    async (status) => {
      bus.respond = () => status;
      await expect(publisher.publish(someEvents(1))).rejects.toBeInstanceOf(
        DependencyUnavailableError,
      );
    },
  );

  it('retries a 503 and succeeds when the bus recovers, sending the same events', async () => {
    const statuses = [503, 503];
    bus.respond = () => statuses.shift() ?? 201;
    const events = someEvents(2);
    await publisher.publish(events);
    expect(bus.bodies()).toEqual([{ events }, { events }, { events }]);
  });

  it('stops at the first batch that fails, so later events never overtake it', async () => {
    bus.respond = () => 400;
    await expect(publisher.publish(someEvents(PUBLISH_BATCH_MAX + 2))).rejects.toBeInstanceOf(
      EventRejectedError,
    );
    expect(bus.requests).toHaveLength(1);
  });

  it('turns a bus that refuses connections into DependencyUnavailableError', async () => {
    const url = bus.url;
    await bus.close();
    const error: unknown = await HttpEventPublisher.forBus(url)
      .publish(someEvents(1))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as DependencyUnavailableError).dependency).toBe('event-bus');
  });
});
