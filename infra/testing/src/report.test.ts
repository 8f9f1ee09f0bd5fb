import { unavailable, type Backend } from './backend';
import { backendsBanner, skippedSuitesBox } from './report';

const running = (url: string, source: string): Backend => ({ url, source, stop: async () => {} });
const mongo = running('mongodb://127.0.0.1:40001', 'FerretDB on SQLite, started from /x/ferretdb');
const nats = running('nats://127.0.0.1:40002', 'nats-server with JetStream, started from /x/nats');

describe('backendsBanner', () => {
  it('says what each family of suites uses and where it comes from', () => {
    const banner = backendsBanner({ mongo, nats: unavailable('nats-server is not on PATH') });
    expect(banner).toContain(
      'MongoDB suites  mongodb://127.0.0.1:40001  <- FerretDB on SQLite, started from /x/ferretdb',
    );
    expect(banner).toContain('NATS suites     none (nats-server is not on PATH)');
  });
});

describe('skippedSuitesBox', () => {
  it('is empty when every family of suites runs', () => {
    expect(skippedSuitesBox({ mongo, nats })).toBe('');
  });

  it('names the skipped family and how to enable it, in a closed box', () => {
    const box = skippedSuitesBox({ mongo: unavailable('none'), nats });
    expect(box).toContain('MongoDB suites are SKIPPED');
    expect(box).toContain('MONGO_URL');
    expect(box).toContain('infra/ci/build-ferretdb.sh');
    expect(box).not.toContain('NATS');
    const lines = box.trimEnd().split('\n');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines.every((line) => line.startsWith('#') && line.endsWith('#'))).toBe(true);
  });

  it('lists both families when both are missing', () => {
    const box = skippedSuitesBox({ mongo: unavailable('none'), nats: unavailable('none') });
    expect(box).toContain('MongoDB suites are SKIPPED');
    expect(box).toContain('NATS suites are SKIPPED');
    expect(box).toContain('apt-get install nats-server');
  });
});
