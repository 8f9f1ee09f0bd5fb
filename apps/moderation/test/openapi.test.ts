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
import { moderationApi } from '../src/openapi';
import { moderationService } from '../src/service';

const document = serviceApiDocument('moderation', moderationApi);

describe('the OpenAPI document of moderation', () => {
  let bus: CaptureServer;
  let moderation: Service;

  beforeAll(async () => {
    bus = await CaptureServer.start(() => 201);
    moderation = await createService(moderationService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    await moderation.start();
  });

  afterAll(async () => {
    await moderation.stop();
    await bus.close();
  });

  it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
    const served = await request(moderation.url).get('/openapi.json').expect(200);
    expect(served.body).toEqual(document);
    expect(openApiProblems(served.body)).toEqual([]);
  });

  it('describes exactly the routes the app has', () => {
    expect(documentedRoutes(document)).toEqual(registeredRoutes(moderation.app));
  });

  it.each(exampleRequests(document))('is right about $name', async (example) => {
    expect(await exampleRequestProblem(moderation.url, example)).toBeUndefined();
  });
});
