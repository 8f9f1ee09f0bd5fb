import { createService, defineService, type Service, type ServiceParts } from '../src';

/**
 * A tiny service built the way every app is (`defineService` + `createService`), listening on a
 * free port of 127.0.0.1: the parts are the test's, the rest is the kit's.
 */
export async function startKitService(
  parts: ServiceParts,
  env: NodeJS.ProcessEnv = {},
): Promise<Service> {
  const definition = defineService({
    name: 'kit-test',
    defaultPort: 0,
    config: {},
    create: () => parts,
  });
  const service = await createService(definition, {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  await service.start();
  return service;
}
