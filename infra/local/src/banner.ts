import { PUBLIC_ROUTES } from './public-routes';
import type { BackendUrls } from './service-env';
import { DATA_SERVICES, SERVICES, type ServiceName, type StackPorts } from './services';

/** What `npm start` prints once everything is ready: where things are and what to try. */
export function readyBanner(ports: StackPorts, { mongoUrl, natsUrl }: BackendUrls): string {
  const keepsDataIn = (name: ServiceName): string => {
    if (name === 'event-bus')
      return natsUrl ? 'event log in NATS JetStream' : 'event log in memory';
    if (!DATA_SERVICES.includes(name)) return '';
    return mongoUrl ? `MongoDB, database "${name}"` : 'in memory';
  };
  const gateway = `http://localhost:${ports.gateway}`;
  const apiPaths = PUBLIC_ROUTES.filter((route) => route.service !== 'client')
    .map((route) => route.path)
    .join(', ');
  const rows: [name: string, url: string, note: string][] = [
    ['gateway', gateway, `the web client at /; public API: ${apiPaths}`],
    ...SERVICES.map((name): [string, string, string] => [
      name,
      `http://localhost:${ports[name]}`,
      keepsDataIn(name),
    ]),
  ];
  const json = `-H 'content-type: application/json'`;
  return [
    '',
    'The blog is running:',
    '',
    `  Open ${gateway} in a browser.`,
    '',
    ...rows.map(([name, url, note]) => `  ${name.padEnd(12)}${url.padEnd(24)}${note}`.trimEnd()),
    '',
    'Try it through the gateway (the same routes as the Kubernetes ingress):',
    '',
    `  curl -s -X POST ${gateway}/posts/create ${json} -d '{"title":"Hello"}'`,
    `  curl -s -X POST ${gateway}/posts/<post id>/comments ${json} -d '{"content":"Nice"}'`,
    `  curl -s ${gateway}/posts`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}
