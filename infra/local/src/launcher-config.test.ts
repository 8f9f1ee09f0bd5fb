import { launcherOptions } from './launcher-config';
import { DEFAULT_PORTS } from './services';

describe('launcherOptions', () => {
  it('uses the default ports and memory when nothing is set', () => {
    expect(launcherOptions({})).toEqual({
      ports: DEFAULT_PORTS,
      mongoUrl: undefined,
      natsUrl: undefined,
    });
  });

  it('moves each part to the port its variable names', () => {
    const { ports } = launcherOptions({ GATEWAY_PORT: '9090', EVENT_BUS_PORT: '5005' });
    expect(ports).toEqual({ ...DEFAULT_PORTS, gateway: 9090, 'event-bus': 5005 });
  });

  it('passes MONGO_URL and NATS_URL on', () => {
    const options = launcherOptions({ MONGO_URL: 'mongodb://db:27017', NATS_URL: 'nats://n:4222' });
    expect(options).toMatchObject({ mongoUrl: 'mongodb://db:27017', natsUrl: 'nats://n:4222' });
  });

  it('names the variable that holds a bad port', () => {
    expect(() => launcherOptions({ QUERY_PORT: 'abc' })).toThrow(/QUERY_PORT/);
    expect(() => launcherOptions({ GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT/);
  });
});
