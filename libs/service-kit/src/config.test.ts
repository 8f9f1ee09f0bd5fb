import { z } from 'zod';
import { ConfigError, baseConfigShape, commaList, loadConfig, serviceUrl } from './config';

const schema = z.object({
  ...baseConfigShape(4000),
  EVENT_BUS_URL: serviceUrl.default('http://localhost:4005'),
  BLOCKED_WORDS: commaList.default(['orange']),
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills in the defaults of every setting', () => {
    expect(loadConfig(schema, {})).toEqual({
      PORT: 4000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      JSON_BODY_LIMIT: '16kb',
      SHUTDOWN_DELAY_MS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      EVENT_BUS_URL: 'http://localhost:4005',
      BLOCKED_WORDS: ['orange'],
    });
  });

  it('turns numeric strings into numbers and keeps the rest of the environment out', () => {
    const config = loadConfig(schema, {
      PORT: '8080',
      SHUTDOWN_DELAY_MS: '5000',
      HOME: '/root',
    });
    expect(config).toMatchObject({ PORT: 8080, SHUTDOWN_DELAY_MS: 5000 });
    expect(config).not.toHaveProperty('HOME');
  });

  it('treats an empty or blank variable as unset', () => {
    const config = loadConfig(schema, { PORT: ' ', LOG_LEVEL: '', EVENT_BUS_URL: '' });
    expect(config).toMatchObject({
      PORT: 4000,
      LOG_LEVEL: 'info',
      EVENT_BUS_URL: 'http://localhost:4005',
    });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['LOG_LEVEL', 'verbose'],
    ['JSON_BODY_LIMIT', '16 kilobytes'],
    ['SHUTDOWN_DELAY_MS', '-1'],
    ['SHUTDOWN_TIMEOUT_MS', '10'],
    ['EVENT_BUS_URL', 'localhost:4005'],
    ['EVENT_BUS_URL', 'ftp://bus:21'],
  ])('rejects %s=%p with a problem naming the variable', (variable, value) => {
    const problems = problemsOf({ [variable]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('reports every invalid variable at once, in its message too', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    expect(() => loadConfig(schema, { PORT: 'x' })).toThrow(/Invalid configuration:\n {2}- PORT: /);
  });

  it('accepts body limits in bytes, kb and mb', () => {
    for (const limit of ['512', '100b', '16kb', '1MB']) {
      expect(loadConfig(schema, { JSON_BODY_LIMIT: limit }).JSON_BODY_LIMIT).toBe(limit);
    }
  });
});

describe('serviceUrl', () => {
  it('drops trailing slashes so paths can be appended', () => {
    expect(serviceUrl.parse('http://posts:4000/')).toBe('http://posts:4000');
    expect(serviceUrl.parse('https://bus.example.com//')).toBe('https://bus.example.com');
  });
});

describe('commaList', () => {
  it('splits, trims and drops empty items', () => {
    expect(commaList.parse(' orange, apple ,,kiwi,')).toEqual(['orange', 'apple', 'kiwi']);
  });
});
