import { readyBanner } from './banner';
import { DEFAULT_PORTS } from './services';

const row = (banner: string, name: string) =>
  banner.split('\n').find((line) => line.trimStart().startsWith(`${name} `));

describe('readyBanner', () => {
  it('says where each part listens and where it keeps its data', () => {
    const banner = readyBanner(
      { ...DEFAULT_PORTS, gateway: 9090 },
      { mongoUrl: 'mongodb://db:27017', natsUrl: 'nats://bus:4222' },
    );
    expect(row(banner, 'gateway')).toContain('http://localhost:9090');
    expect(row(banner, 'posts')).toMatch(/http:\/\/localhost:4000\s+MongoDB, database "posts"/);
    expect(row(banner, 'query')).toContain('MongoDB, database "query"');
    expect(row(banner, 'moderation')).toMatch(/http:\/\/localhost:4003$/);
    expect(row(banner, 'event-bus')).toContain('event log in NATS JetStream');
  });

  it('says when everything is in memory', () => {
    const banner = readyBanner(DEFAULT_PORTS, {});
    expect(row(banner, 'comments')).toContain('in memory');
    expect(row(banner, 'event-bus')).toContain('event log in memory');
  });

  it('shows curl commands that go through the gateway', () => {
    const curls = readyBanner({ ...DEFAULT_PORTS, gateway: 9090 }, {})
      .split('\n')
      .filter((line) => line.includes('curl'));
    expect(curls).toHaveLength(3);
    for (const curl of curls) expect(curl).toContain('http://localhost:9090/posts');
  });
});
