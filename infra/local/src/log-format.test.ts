import { formatLogLine } from './log-format';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00.000Z', service: 'posts', ...fields });

describe('formatLogLine', () => {
  it('shrinks a request log to method, path, status and time', () => {
    const request = line({
      req: { id: 'r1', method: 'POST', url: '/posts' },
      res: { statusCode: 201 },
      responseTime: 3,
      msg: 'request completed',
    });
    expect(formatLogLine('posts', request)).toBe('posts      | info  POST /posts 201 3ms');
  });

  it('keeps the message and the fields of other lines on one line', () => {
    const started = line({ msg: 'posts listening', port: 4000 });
    expect(formatLogLine('posts', started)).toBe('posts      | info  posts listening port=4000');
  });

  it('shows errors in full, stack included', () => {
    const failure = line({
      level: 'error',
      msg: 'request failed',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at handler (routes.ts:1:1)' },
    });
    const head = 'query      | error ';
    const under = ' '.repeat(head.length);
    expect(formatLogLine('query', failure).split('\n')).toEqual([
      `${head}request failed`,
      `${under}Error: boom`,
      `${under}    at handler (routes.ts:1:1)`,
    ]);
  });

  it('passes lines that are not JSON through, prefixed', () => {
    expect(formatLogLine('event-bus', 'event-bus failed to start: bad SUBSCRIBERS')).toBe(
      'event-bus  | event-bus failed to start: bad SUBSCRIBERS',
    );
  });
});
