import {
  documentedRoutes,
  exampleRequestProblem,
  exampleRequests,
  openApiProblems,
  registeredRoutes,
  serviceApiDocument,
  type Service,
} from '@blog/service-kit';
import type { ServiceApi } from '@blog/contracts';
import request from 'supertest';

export interface RunningService {
  service: Service;
  /** Stand-ins for the services it calls, closed after the suite. */
  standIns?: { close(): Promise<void> }[];
}

/**
 * The checks every service's OpenAPI document must pass: served as built, valid OpenAPI 3.1,
 * describing exactly the routes the app has, and right about every documented example (the
 * example is accepted, a broken variant gets 400 naming the field).
 */
export function openApiDocumentSuite(
  name: string,
  api: ServiceApi,
  start: () => Promise<RunningService>,
): void {
  const document = serviceApiDocument(name, api);

  describe(`the OpenAPI document of ${name}`, () => {
    let running: RunningService;

    beforeAll(async () => {
      running = await start();
      await running.service.start();
    });

    afterAll(async () => {
      await running.service.stop();
      await Promise.all((running.standIns ?? []).map((standIn) => standIn.close()));
    });

    it('is served at /openapi.json, valid OpenAPI 3.1 whose every $ref resolves', async () => {
      const served = await request(running.service.url).get('/openapi.json').expect(200);
      expect(served.body).toEqual(document);
      expect(openApiProblems(served.body)).toEqual([]);
    });

    it('describes exactly the routes the app has', () => {
      expect(documentedRoutes(document)).toEqual(registeredRoutes(running.service.app));
    });

    it.each(exampleRequests(document))('is right about $name', async (example) => {
      expect(await exampleRequestProblem(running.service.url, example)).toBeUndefined();
    });
  });
}
