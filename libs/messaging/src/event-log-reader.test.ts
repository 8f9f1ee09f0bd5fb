import { once } from 'node:events';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { DependencyUnavailableError } from '@blog/service-kit';
import { sampleEvents } from '@blog/testing';
import express from 'express';
import { EventLogFormatError, EventLogReader, type LoggedEvent } from './event-log-reader';

/** A stand-in for the event-bus's `GET /events?after=&limit=`, serving `log`. */
async function startLog(
  log: unknown[],
): Promise<{ url: string; queries: unknown[]; server: Server }> {
  const queries: unknown[] = [];
  const app = express();
  app.get('/events', (req, res) => {
    queries.push(req.query);
    const after = Number(req.query.after);
    const limit = Number(req.query.limit);
    const rest = log.filter((entry) => (entry as LoggedEvent).seq > after);
    const events = rest.slice(0, limit);
    const next = rest.length > limit ? (events.at(-1) as LoggedEvent).seq : null;
    res.json({ events, next });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries, server };
}

describe('EventLogReader', () => {
  const log: LoggedEvent[] = [1, 2, 3, 4, 5].map((seq) => ({
    seq,
    event: sampleEvents.postCreated({ title: `post ${seq}` }),
  }));
  let bus: Awaited<ReturnType<typeof startLog>>;

  afterEach(async () => {
    bus.server.closeAllConnections();
    await new Promise((resolve) => bus.server.close(resolve));
  });

  it('reads every event page by page, in log order, and returns the last seq', async () => {
    bus = await startLog(log);
    const seen: LoggedEvent[] = [];
    const last = await EventLogReader.forBus(bus.url).readAll(
      0,
      (logged) => {
        seen.push(logged);
        return Promise.resolve();
      },
      2,
    );
    expect(seen).toEqual(log);
    expect(last).toBe(5);
    expect(bus.queries).toEqual([
      { after: '0', limit: '2' },
      { after: '2', limit: '2' },
      { after: '4', limit: '2' },
    ]);
  });

  it('starts after the given seq', async () => {
    bus = await startLog(log);
    const seen: number[] = [];
    const last = await EventLogReader.forBus(bus.url).readAll(3, ({ seq }) => {
      seen.push(seq);
      return Promise.resolve();
    });
    expect(seen).toEqual([4, 5]);
    expect(last).toBe(5);
  });

  it('returns the starting seq when there is nothing new', async () => {
    bus = await startLog(log);
    const onEvent = jest.fn(() => Promise.resolve());
    expect(await EventLogReader.forBus(bus.url).readAll(5, onEvent)).toBe(5);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('stops at the event whose handler fails, with that failure', async () => {
    bus = await startLog(log);
    const seen: number[] = [];
    const failure = new Error('handler broke');
    const reading = EventLogReader.forBus(bus.url).readAll(0, ({ seq }) => {
      if (seq === 3) return Promise.reject(failure);
      seen.push(seq);
      return Promise.resolve();
    });
    await expect(reading).rejects.toBe(failure);
    expect(seen).toEqual([1, 2]);
  });

  it('tells a page it cannot understand apart from an unavailable bus', async () => {
    bus = await startLog([{ seq: 1, event: { type: 'PostCreated' } }]);
    await expect(
      EventLogReader.forBus(bus.url).readAll(0, () => Promise.resolve()),
    ).rejects.toBeInstanceOf(EventLogFormatError);
  });

  it('stops at once when aborted, even with a request in flight', async () => {
    const silent = net.createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const abort = new AbortController();
    // The silent server never answers: only the abort can end this read before the test's timeout.
    const reading = EventLogReader.forBus(`http://127.0.0.1:${port}`).readAll(
      0,
      () => Promise.resolve(),
      10,
      abort.signal,
    );
    setTimeout(() => abort.abort(), 100);
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    silent.close();
  });

  it('maps an unreachable bus to DependencyUnavailableError', async () => {
    bus = await startLog(log);
    const { url } = bus;
    bus.server.close();
    const error: unknown = await EventLogReader.forBus(url)
      .readAll(0, () => Promise.resolve())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as DependencyUnavailableError).dependency).toBe('event-bus');
  });
});
