import {
  createPostBodySchema,
  errorResponse,
  pageQuerySchema,
  postSchema,
  type ApiRoute,
  type ServiceApi,
} from '@blog/contracts';
import express, { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import {
  JsonSchemas,
  documentedRoutes,
  exampleRequestProblem,
  exampleRequests,
  openApiDocument,
  openApiProblems,
  parseBody,
  parseQuery,
  registeredRoutes,
  serviceApiDocument,
  type OpenApiDocument,
} from '../src';
import { startKitService } from './kit-service';

const namedThing = z
  .object({ name: z.string(), size: z.number().default(1) })
  .meta({ id: 'Thing' });

describe('JsonSchemas', () => {
  it('describes a request as the route parses it, named parts written out', () => {
    const schemas = new JsonSchemas();
    expect(schemas.request(z.object({ thing: namedThing }))).toEqual({
      type: 'object',
      properties: {
        thing: {
          type: 'object',
          properties: { name: { type: 'string' }, size: { type: 'number', default: 1 } },
          required: ['name'],
        },
      },
      required: ['thing'],
    });
    expect(schemas.components).toEqual({});
  });

  it('describes an answer exactly, named parts as components', () => {
    const schemas = new JsonSchemas();
    expect(schemas.response(z.array(namedThing))).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Thing' },
    });
    expect(schemas.components.Thing).toMatchObject({
      required: ['name', 'size'],
      additionalProperties: false,
    });
  });

  it('refuses two different schemas under one name', () => {
    const schemas = new JsonSchemas();
    schemas.response(namedThing);
    const impostor = z.object({ other: z.string() }).meta({ id: 'Thing' });
    expect(() => schemas.response(z.array(impostor))).toThrow(
      /Two different schemas are named Thing/,
    );
  });
});

const readThing: ApiRoute = {
  method: 'get',
  path: '/things/{id}',
  summary: 'Read a thing',
  pathParams: { id: 'The id' },
  responses: { 200: { description: 'The thing', body: postSchema } },
};

describe('openApiDocument', () => {
  it('refuses a route whose path parameters are not the ones described', () => {
    const route = { ...readThing, pathParams: { name: 'The name' } };
    expect(() => openApiDocument({ title: 't', version: '1', routes: [route] })).toThrow(
      /GET \/things\/\{id\} describes the path parameters name/,
    );
  });

  it('refuses a route described twice', () => {
    const routes = [readThing, readThing];
    expect(() => openApiDocument({ title: 't', version: '1', routes })).toThrow(/described twice/);
  });
});

describe('serviceApiDocument', () => {
  const api: ServiceApi = {
    description: 'Things',
    routes: [
      {
        method: 'post',
        path: '/things',
        summary: 'Create a thing',
        body: createPostBodySchema,
        responses: { 201: { description: 'Created', body: postSchema } },
      },
      {
        method: 'get',
        path: '/things',
        summary: 'List things',
        query: pageQuerySchema,
        responses: { 200: { description: 'Things', body: z.array(postSchema) } },
      },
      { ...readThing, responses: { ...readThing.responses, 400: errorResponse('Not a thing id') } },
    ],
  };
  const document = serviceApiDocument('things', api);
  const statuses = (path: string, method: string) =>
    Object.keys(document.paths[path]?.[method]?.responses ?? {});

  it('adds what the kit answers for a route: 400, 413, 415 for a body, 400 for a query', () => {
    expect(statuses('/things', 'post')).toEqual(['201', '400', '413', '415']);
    expect(statuses('/things', 'get')).toEqual(['200', '400']);
  });

  it("keeps the route's own description of a status", () => {
    expect(document.paths['/things/{id}']?.get?.responses['400']?.description).toBe(
      'Not a thing id',
    );
  });

  it('adds the routes every service has, and is valid', () => {
    expect(documentedRoutes(document)).toEqual([
      'GET /healthz',
      'GET /metrics',
      'GET /openapi.json',
      'GET /readyz',
      'GET /things',
      'GET /things/{id}',
      'POST /things',
    ]);
    expect(openApiProblems(document)).toEqual([]);
  });

  it('turns each query property into a parameter, the required ones marked', () => {
    expect(document.paths['/things']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'after', in: 'query', required: false }),
    ]);
  });
});

describe('openApiProblems', () => {
  const valid = (): OpenApiDocument =>
    openApiDocument({ title: 't', version: '1', routes: [readThing] });

  it('finds nothing wrong with a document it built', () => {
    expect(openApiProblems(valid())).toEqual([]);
  });

  it.each([
    [
      'a $ref that leads nowhere',
      (document: OpenApiDocument) => {
        delete document.components.schemas.Post;
      },
      /#\/components\/schemas\/Post: this \$ref does not resolve/,
    ],
    [
      'a response without description',
      (document: OpenApiDocument) => {
        document.paths['/things/{id}']!.get!.responses['200']!.description = '';
      },
      /GET \/things\/\{id\} 200: a response needs a description/,
    ],
    [
      'a path parameter missing from the path',
      (document: OpenApiDocument) => {
        document.paths['/things'] = document.paths['/things/{id}']!;
      },
      /GET \/things: path parameter id not in the path/,
    ],
    [
      'another OpenAPI version',
      (document: OpenApiDocument) => {
        document.openapi = '3.0.3';
      },
      /openapi: must be a 3.1.x version/,
    ],
    [
      'a status that is not one',
      (document: OpenApiDocument) => {
        document.paths['/things/{id}']!.get!.responses.ok = { description: 'fine' };
      },
      /GET \/things\/\{id\} ok: not a status code/,
    ],
  ])('names %s', (_case, spoil, problem) => {
    const document = valid();
    spoil(document);
    expect(openApiProblems(document)).toEqual([expect.stringMatching(problem)]);
  });
});

describe('registeredRoutes', () => {
  it('lists the routes of the app and of the routers it mounts, with OpenAPI parameters', () => {
    const app = express();
    const router = Router();
    router.get('/posts/:id/comments', () => {});
    router
      .route('/posts')
      .get(() => {})
      .post(() => {});
    app.use(express.json());
    app.use(router);
    app.use(
      '/admin',
      Router().delete('/users/:userId', () => {}),
    );
    app.get('/healthz', () => {});
    expect(registeredRoutes(app)).toEqual([
      'DELETE /admin/users/{userId}',
      'GET /healthz',
      'GET /posts',
      'GET /posts/{id}/comments',
      'POST /posts',
    ]);
  });

  it('refuses paths it cannot describe', () => {
    const app = express();
    app.get('/files/*path', () => {});
    expect(() => registeredRoutes(app)).toThrow(/\/files\/\*path/);
  });
});

describe('example requests', () => {
  const thingsApi = (routes: ApiRoute[]): ServiceApi => ({ description: 'Things', routes });
  const createThing: ApiRoute = {
    method: 'post',
    path: '/things',
    summary: 'Create a thing',
    body: createPostBodySchema,
    query: pageQuerySchema,
    responses: { 201: { description: 'Created', body: postSchema } },
  };

  it('are the documented example, and one broken variant per input', () => {
    const examples = exampleRequests(serviceApiDocument('things', thingsApi([createThing])));
    expect(examples.map(({ name, invalidField }) => [name, invalidField])).toEqual([
      ['POST /things with its example', undefined],
      ['POST /things with title: null', 'title'],
      ['POST /things with ?limit=not-a-number', 'limit'],
      ['POST /things with ?after=xxx... (65 characters)', 'after'],
    ]);
    expect(examples[0]).toMatchObject({
      method: 'POST',
      path: '/things',
      query: { limit: '1000' },
      body: { title: 'Hello, world' },
      documented: ['201', '400', '413', '415'],
    });
  });

  it('need an example of every body', () => {
    const route = { ...createThing, body: z.object({ title: z.string() }) };
    expect(() => exampleRequests(serviceApiDocument('things', thingsApi([route])))).toThrow(
      /POST \/things: give its body schema an example/,
    );
  });

  describe('sent to a service', () => {
    const [valid, broken] = exampleRequests(serviceApiDocument('things', thingsApi([createThing])));

    const problemsWith = async (handler: express.RequestHandler) => {
      const service = await startKitService({ routes: (app) => app.post('/things', handler) });
      try {
        return [
          await exampleRequestProblem(service.url, valid!),
          await exampleRequestProblem(service.url, broken!),
        ];
      } finally {
        await service.stop();
      }
    };

    it('find nothing wrong with a route that validates as documented', async () => {
      const problems = await problemsWith((req, res) => {
        parseQuery(pageQuerySchema, req);
        const { title } = parseBody(createPostBodySchema, req);
        res.status(201).json({ id: '0190b8a0-5c3d-7e2f-8a1b-2c3d4e5f6a7b', title });
      });
      expect(problems).toEqual([undefined, undefined]);
    });

    it('notice a route that takes what it should refuse', async () => {
      const problems = await problemsWith((_req, res) => {
        res.status(201).json({});
      });
      expect(problems).toEqual([
        undefined,
        expect.stringMatching(/with title: null: should be refused with 400.* but answered 201/),
      ]);
    });

    it('notice a route that refuses its own example, or answers an undocumented status', async () => {
      const refusing = await problemsWith(() => {
        throw new Error('broken');
      });
      expect(refusing[0]).toMatch(/should pass validation but answered 500/);
      const accepting = await problemsWith((_req, res) => {
        res.status(202).end();
      });
      expect(accepting[0]).toMatch(
        /answered 202, a status the document does not list \(201, 400, 413, 415\)/,
      );
    });
  });
});

describe('/openapi.json', () => {
  it('serves the document of the routes the service describes', async () => {
    const api: ServiceApi = { description: 'Things', routes: [readThing] };
    const service = await startKitService({ routes: () => {}, openapi: api });
    try {
      const served = await request(service.url).get('/openapi.json').expect(200);
      expect(served.body).toEqual(serviceApiDocument('kit-test', api));
    } finally {
      await service.stop();
    }
  });

  it('is not there when the service describes nothing', async () => {
    const service = await startKitService({ routes: () => {} });
    try {
      await request(service.url).get('/openapi.json').expect(404);
    } finally {
      await service.stop();
    }
  });
});
