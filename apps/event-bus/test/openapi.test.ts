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
import { eventBusApi } from '../src/openapi';
import { eventBusService } from '../src/service';

const document = serviceApiDocument('event-bus', eventBusApi);

describe('the OpenAPI document of event-bus', () => {
  let subscriber: CaptureServer;
  let bus: Service;

  beforeAll(async () => {
    subscriber = await CaptureServer.start(() => 200);
    bus = await createService(eventBusService, {
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUBSCRIBERS: `audit=${subscriber.url}/events`,
    });
    await bus.start();
  });

  afterAll(async () => {
    await bus.stop();
    await subscriber.close();
  });

  it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
    const served = await request(bus.url).get('/openapi.json').expect(200);
    expect(served.body).toEqual(document);
    expect(openApiProblems(served.body)).toEqual([]);
  });

  it('describes exactly the routes the app has', () => {
    expect(documentedRoutes(document)).toEqual(registeredRoutes(bus.app));
  });

  it.each(exampleRequests(document))('is right about $name', async (example) => {
    expect(await exampleRequestProblem(bus.url, example)).toBeUndefined();
  });
});
