import { pageQuerySchema } from '@blog/contracts';
import { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import {
  ConfigError,
  DependencyUnavailableError,
  HttpError,
  NotFoundError,
  createService,
  defineService,
  parseBody,
  parseQuery,
  type Service,
} from '../src';
import { startKitService } from './kit-service';

const thingSchema = z.object({ name: z.string().trim().min(1, 'name must not be empty') });

/** What each `GET /fail/:kind` throws, from an async handler as real routes do. */
const failures: Record<string, () => unknown> = {
  http: () => new HttpError(409, 'Already there', 'id'),
  'http-details': () =>
    HttpError.withDetails(422, [{ message: 'first', field: 'a' }, { message: 'second' }]),
  'not-found': () => new NotFoundError('Thing 7 not found', 'id'),
  zod: () => z.object({ count: z.number() }).safeParse({ count: 'x' }).error,
  dependency: () => new DependencyUnavailableError('the-database'),
  unknown: () => new TypeError('secret detail: password=hunter2'),
  'not-an-error': () => 'a thrown string',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the HTTP app of a service', () => {
  let service: Service;
  let readiness: Record<string, () => boolean | Promise<boolean>>;

  beforeAll(async () => {
    service = await startKitService(
      {
        routes(app) {
          app.post('/things', (req, res) => {
            res.status(201).json(parseBody(thingSchema, req));
          });
          app.get('/things', (req, res) => {
            res.json(parseQuery(pageQuerySchema, req));
          });
          app.get('/things/:id', (req, res) => {
            res.json({ id: req.params.id });
          });
          app.get('/fail/:kind', async (req) => {
            await Promise.resolve();
            throw failures[req.params.kind]!();
          });
          const api = Router();
          api.get('/items/:id', (req, res) => {
            res.json({ id: req.params.id });
          });
          app.use('/api', api);
        },
        readiness: [
          { name: 'database', check: () => readiness.database!() },
          { name: 'broker', check: () => readiness.broker!() },
        ],
      },
      { JSON_BODY_LIMIT: '1kb' },
    );
  });

  beforeEach(() => {
    readiness = { database: () => true, broker: () => Promise.resolve(true) };
  });

  afterAll(async () => {
    await service.stop();
  });

  describe('maps errors to the error body', () => {
    it('400 for malformed JSON', async () => {
      const response = await request(service.url)
        .post('/things')
        .set('content-type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(response.body).toEqual({ errors: [{ message: 'Malformed JSON body' }] });
    });

    it('413 naming the limit for a body over it', async () => {
      const response = await request(service.url)
        .post('/things')
        .send({ name: 'x'.repeat(1100) })
        .expect(413);
      expect(response.body).toEqual({
        errors: [{ message: 'Request body is larger than 1024 bytes' }],
      });
    });

    it('accepts a body just under the limit', async () => {
      const name = 'x'.repeat(1000);
      await request(service.url).post('/things').send({ name }).expect(201, { name });
    });

    it.each([
      ['text/plain', 'name=x'],
      [undefined, undefined],
    ])('415 for a body sent as %s', async (contentType, body) => {
      const post = request(service.url).post('/things');
      if (contentType) post.set('content-type', contentType);
      const response = await post.send(body).expect(415);
      expect(response.body).toEqual({
        errors: [{ message: 'Request body must be JSON (Content-Type: application/json)' }],
      });
    });

    it('415 for an unsupported charset', async () => {
      const response = await request(service.url)
        .post('/things')
        .set('content-type', 'application/json; charset=latin1')
        .send('{"name":"x"}')
        .expect(415);
      expect(response.body).toEqual({ errors: [{ message: 'Unsupported charset' }] });
    });

    it('415 for an unsupported content encoding', async () => {
      const response = await request(service.url)
        .post('/things')
        .set('content-type', 'application/json')
        .set('content-encoding', 'x-unknown')
        .send('{"name":"x"}')
        .expect(415);
      expect(response.body).toEqual({ errors: [{ message: 'Unsupported content encoding' }] });
    });

    it('400 naming the field for a body the schema rejects, trimmed values checked', async () => {
      const response = await request(service.url).post('/things').send({ name: '   ' }).expect(400);
      expect(response.body).toEqual({
        errors: [{ message: 'name must not be empty', field: 'name' }],
      });
    });

    it('400 naming the field for a bad query', async () => {
      const response = await request(service.url).get('/things?limit=0').expect(400);
      expect(response.body.errors).toEqual([{ message: expect.any(String), field: 'limit' }]);
      await request(service.url).get('/things?limit=5').expect(200, { limit: 5 });
    });

    it('400 for a path with broken percent-encoding', async () => {
      const response = await request(service.url).get('/things/%E0%A4%A').expect(400);
      expect(response.body).toEqual({
        errors: [{ message: 'Malformed percent-encoding in the URL' }],
      });
    });

    it.each([
      ['http', 409, [{ message: 'Already there', field: 'id' }]],
      ['http-details', 422, [{ message: 'first', field: 'a' }, { message: 'second' }]],
      ['not-found', 404, [{ message: 'Thing 7 not found', field: 'id' }]],
      ['zod', 400, [{ message: expect.stringMatching(/number/), field: 'count' }]],
    ])('%s error -> %i with its details', async (kind, status, errors) => {
      const response = await request(service.url).get(`/fail/${kind}`).expect(status);
      expect(response.body).toEqual({ errors });
    });

    it('503 with Retry-After when a dependency is unavailable', async () => {
      const response = await request(service.url).get('/fail/dependency').expect(503);
      expect(response.body).toEqual({ errors: [{ message: 'the-database is unavailable' }] });
      expect(response.headers['retry-after']).toBe('1');
    });

    it.each(['unknown', 'not-an-error'])(
      '500 with a generic message and nothing of the %s error in the body',
      async (kind) => {
        const response = await request(service.url).get(`/fail/${kind}`).expect(500);
        expect(response.body).toEqual({ errors: [{ message: 'Internal server error' }] });
        expect(response.text).not.toMatch(/secret|hunter2|thrown string|at /);
      },
    );

    it('404 for an unknown route, naming method and path', async () => {
      const response = await request(service.url).delete('/things/1?x=1').expect(404);
      expect(response.body).toEqual({ errors: [{ message: 'No route for DELETE /things/1' }] });
    });
  });

  describe('request ids', () => {
    it('echoes a sane x-request-id', async () => {
      const id = 'req-42.a:b_c';
      const response = await request(service.url).get('/healthz').set('x-request-id', id);
      expect(response.headers['x-request-id']).toBe(id);
    });

    it('makes a new id for each request that has none, also on errors', async () => {
      const first = await request(service.url).get('/things/1').expect(200);
      const second = await request(service.url).get('/nowhere').expect(404);
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });

    it.each([
      ['spaces', 'two words'],
      ['markup', '<script>'],
      ['an over-long id', 'x'.repeat(129)],
    ])('replaces an id with %s by a new one', async (_case, id) => {
      const response = await request(service.url).get('/healthz').set('x-request-id', id);
      expect(response.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('health', () => {
    it('/healthz answers while the process runs', async () => {
      readiness.database = () => false;
      await request(service.url).get('/healthz').expect(200, { status: 'ok' });
    });

    it('/readyz is 200 when every check is up', async () => {
      await request(service.url)
        .get('/readyz')
        .expect(200, { status: 'ready', checks: { database: 'up', broker: 'up' } });
    });
  });

  describe('/metrics', () => {
    it('exposes request durations labelled by route pattern, not by URL', async () => {
      await request(service.url).get('/things/42').expect(200);
      await request(service.url).get('/api/items/7').expect(200);
      await request(service.url).get('/no/such/route').expect(404);
      const response = await request(service.url).get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      const counts = response.text
        .split('\n')
        .filter((line) => line.startsWith('http_request_duration_seconds_count{'));
      const labelled = (route: string, status: number) =>
        counts.some(
          (line) =>
            line.includes(`route="${route}"`) &&
            line.includes(`status_code="${status}"`) &&
            line.includes('method="GET"') &&
            line.includes('service="kit-test"'),
        );
      expect(labelled('/things/:id', 200)).toBe(true);
      expect(labelled('/api/items/:id', 200)).toBe(true);
      expect(labelled('unmatched', 404)).toBe(true);
      expect(response.text).not.toMatch(/\/things\/42|\/items\/7|no\/such/);
      expect(response.text).toMatch(/^process_cpu_user_seconds_total/m);
    });
  });
});

describe('createService', () => {
  it('refuses to build a service from invalid settings, naming the variable', async () => {
    const definition = defineService({
      name: 'kit-test',
      defaultPort: 0,
      config: { WIDGETS: z.coerce.number().int() },
      create: () => ({ routes: () => {} }),
    });
    const building = createService(definition, { WIDGETS: 'many', PORT: '99999' });
    await expect(building).rejects.toBeInstanceOf(ConfigError);
    await expect(building).rejects.toThrow(/WIDGETS: [\s\S]*PORT: |PORT: [\s\S]*WIDGETS: /);
  });

  it('hands the service its own settings, typed', async () => {
    let widgets: number | undefined;
    const definition = defineService({
      name: 'kit-test',
      defaultPort: 0,
      config: { WIDGETS: z.coerce.number().int() },
      create: ({ config }) => {
        widgets = config.WIDGETS;
        return { routes: () => {} };
      },
    });
    const service = await createService(definition, { WIDGETS: '3', LOG_LEVEL: 'silent' });
    expect(widgets).toBe(3);
    expect(service.config.PORT).toBe(0);
    await service.stop();
  });
});
