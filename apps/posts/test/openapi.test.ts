import {
  createService,
  documentedRoutes,
  exampleRequestProblem,
  exampleRequests,
  openApiProblems,
  registeredRoutes,
  serviceApiDocument,
  type Service,
} from '@blog/service-kit';
import { CaptureServer } from '@blog/testing';
import request from 'supertest';
import { postsApi } from '../src/openapi';
import { postsService } from '../src/service';

const document = serviceApiDocument('posts', postsApi);

describe('the OpenAPI document of posts', () => {
  let bus: CaptureServer;
  let posts: Service;

  beforeAll(async () => {
    bus = await CaptureServer.start(() => 201);
    posts = await createService(postsService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    await posts.start();
  });

  afterAll(async () => {
    await posts.stop();
    await bus.close();
  });

  it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
    const served = await request(posts.url).get('/openapi.json').expect(200);
    expect(served.body).toEqual(document);
    expect(openApiProblems(served.body)).toEqual([]);
  });

  it('describes exactly the routes the app has', () => {
    expect(documentedRoutes(document)).toEqual(registeredRoutes(posts.app));
  });

  it.each(exampleRequests(document))('is right about $name', async (example) => {
    expect(await exampleRequestProblem(posts.url, example)).toBeUndefined();
  });
});
