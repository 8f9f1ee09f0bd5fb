/** The local stack for tests, benchmarks and fault scripts: start, break and stop the blog. */
export { freePort, freeStackPorts } from './free-port';
export { matchPublicRoute, PUBLIC_ROUTES, type PublicRoute } from './public-routes';
export { describeExit } from './readiness';
export { stackDatabase, withDatabase } from './service-env';
export {
  DATA_SERVICES,
  DEFAULT_PORTS,
  SERVICES,
  type ServiceName,
  type StackPorts,
} from './services';
export type { ExitStatus } from './service-process';
export { startStack, type Stack, type StackOptions, type StackUrls } from './stack';
