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
import { commentsApi } from '../src/openapi';
import { commentsService } from '../src/service';

const document = serviceApiDocument('comments', commentsApi);

describe('the OpenAPI document of comments', () => {
  let bus: CaptureServer;
  /** Stands in for the posts service, which knows no post. */
  let postsApi: CaptureServer;
  let comments: Service;

  beforeAll(async () => {
    bus = await CaptureServer.start(() => 201);
    postsApi = await CaptureServer.start(() => 404);
    comments = await createService(commentsService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      POSTS_URL: postsApi.url,
      LOG_LEVEL: 'silent',
    });
    await comments.start();
  });

  afterAll(async () => {
    await comments.stop();
    await postsApi.close();
    await bus.close();
  });

  it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
    const served = await request(comments.url).get('/openapi.json').expect(200);
    expect(served.body).toEqual(document);
    expect(openApiProblems(served.body)).toEqual([]);
  });

  it('describes exactly the routes the app has', () => {
    expect(documentedRoutes(document)).toEqual(registeredRoutes(comments.app));
  });

  it.each(exampleRequests(document))('is right about $name', async (example) => {
    expect(await exampleRequestProblem(comments.url, example)).toBeUndefined();
  });
});
