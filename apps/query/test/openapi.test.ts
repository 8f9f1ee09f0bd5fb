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
import request from 'supertest';
import { queryApi } from '../src/openapi';
import { queryService } from '../src/service';
import { EventLogServer } from './event-log-server';

const document = serviceApiDocument('query', queryApi);

describe('the OpenAPI document of query', () => {
  let bus: EventLogServer;
  let query: Service;

  beforeAll(async () => {
    bus = await EventLogServer.start([]);
    query = await createService(queryService, {
      PORT: '0',
      EVENT_BUS_URL: bus.url,
      LOG_LEVEL: 'silent',
    });
    await query.start();
  });

  afterAll(async () => {
    await query.stop();
    await bus.close();
  });

  it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
    const served = await request(query.url).get('/openapi.json').expect(200);
    expect(served.body).toEqual(document);
    expect(openApiProblems(served.body)).toEqual([]);
  });

  it('describes exactly the routes the app has', () => {
    expect(documentedRoutes(document)).toEqual(registeredRoutes(query.app));
  });

  it.each(exampleRequests(document))('is right about $name', async (example) => {
    expect(await exampleRequestProblem(query.url, example)).toBeUndefined();
  });
});
