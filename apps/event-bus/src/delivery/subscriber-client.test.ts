import { DELIVERY_HEADERS } from '@blog/contracts';
import { CaptureServer, sampleEvents } from '@blog/testing';
import { SubscriberClient } from './subscriber-client';

describe('SubscriberClient', () => {
  let server: CaptureServer;
  const event = sampleEvents.postCreated();

  beforeEach(async () => {
    server = await CaptureServer.start();
  });
  afterEach(() => server.close());

  const push = (url = `${server.url}/events`, timeoutMs = 1000) =>
    new SubscriberClient(url, timeoutMs).push({ seq: 7, event }, 3);

  it('POSTs the event with its seq and attempt', async () => {
    expect(await push()).toEqual({ outcome: 'delivered' });
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'POST', path: '/events', body: event }),
    ]);
    expect(server.requests[0]!.headers).toMatchObject({
      [DELIVERY_HEADERS.sequence]: '7',
      [DELIVERY_HEADERS.attempt]: '3',
      'content-type': expect.stringMatching(/application\/json/),
    });
  });

  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'unavailable'],
    [429, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [500, 'crashed'],
    [501, 'crashed'],
    [400, 'rejected'],
    [404, 'rejected'],
    [422, 'rejected'],
  ])('reads %i as %s, without retrying by itself', async (status, outcome) => {
    server.respond = () => status;
    expect(await push()).toMatchObject({ outcome });
    expect(server.requests).toHaveLength(1);
  });

  it('counts no answer in time, or no server at all, as unavailable', async () => {
    server.respond = () => new Promise((resolve) => setTimeout(() => resolve(200), 500));
    expect(await push(undefined, 100)).toEqual({
      outcome: 'unavailable',
      reason: expect.stringMatching(/^no answer: .*timeout/i),
    });
    const closed = server.url;
    await server.close();
    server = await CaptureServer.start();
    expect(await push(`${closed}/events`)).toEqual({
      outcome: 'unavailable',
      reason: expect.stringMatching(/^no answer: .*ECONNREFUSED/),
    });
  });
});
