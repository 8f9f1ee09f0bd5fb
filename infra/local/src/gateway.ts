import { once } from 'node:events';
import { createServer, ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorBody } from '@blog/contracts';
import { createProxyMiddleware, debugProxyErrorsPlugin, type Plugin } from 'http-proxy-middleware';
import type { Request, Response } from 'express';
import { staticSite } from '../../../apps/client/src/static-site';
import { matchPublicRoute, type ApiService } from './public-routes';

export interface GatewayOptions {
  /** Base URL of each service the public API reaches. */
  upstreams: Record<ApiService, string>;
  /** The web client's build (dist/apps/client/public), served at `/`; unset: not built. */
  siteDir?: string;
  /** 0 lets the OS pick. The gateway listens on every interface, IPv4 and IPv6. */
  port?: number;
  /** Longest wait for a service's answer; past it the client gets a 502 instead of a hang. */
  upstreamTimeoutMs?: number;
  /** Told about every request a service could not answer (down, reset, too slow). */
  onUpstreamError?: (service: ApiService, error: Error) => void;
}

export interface Gateway {
  url: string;
  /** Stops accepting requests and lets those in flight finish. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 2000;

/**
 * The blog's front door for local runs, doing what the Kubernetes ingress does in a cluster:
 * each public route goes to its service, the web client's page is served from its build,
 * anything else is a 404, and a service that is down is a 502 with the usual error body. The
 * event stream passes through as it comes (nothing is buffered); its heartbeats keep it under
 * `upstreamTimeoutMs`, which counts silence, not the length of an answer.
 */
export async function startGateway({
  upstreams,
  siteDir,
  port = 0,
  upstreamTimeoutMs = 30_000,
  onUpstreamError,
}: GatewayOptions): Promise<Gateway> {
  const proxyTo = (service: ApiService) =>
    createProxyMiddleware({
      target: upstreams[service],
      xfwd: true,
      proxyTimeout: upstreamTimeoutMs,
      // The default plugins answer errors in plain text and log to the console; ours answer JSON.
      ejectPlugins: true,
      plugins: [debugProxyErrorsPlugin, answerUpstreamErrors(service, onUpstreamError)],
    });
  const proxies = {
    posts: proxyTo('posts'),
    comments: proxyTo('comments'),
    query: proxyTo('query'),
  };

  const site = siteDir ? staticSite(siteDir) : undefined;

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const route = matchPublicRoute(method, pathname);
    const notFound = () => sendErrors(res, 404, `No route for ${method} ${pathname}`);
    if (!route) notFound();
    else if (route.service !== 'client') void proxies[route.service](req, res);
    else if (site) site(req as Request, res as Response, notFound);
    else sendErrors(res, 404, 'The web client is not built: run `npx nx build client`');
  });
  server.listen(port);
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => closeGracefully(server),
  };
}

function answerUpstreamErrors(
  service: ApiService,
  onUpstreamError: GatewayOptions['onUpstreamError'],
): Plugin {
  return (proxyServer) => {
    proxyServer.on('error', (error, _req, res) => {
      onUpstreamError?.(service, error);
      // A socket here means a protocol upgrade, which the public API has none of.
      if (!(res instanceof ServerResponse)) res?.destroy();
      // The service failed halfway through its answer: cutting the connection is all that is left.
      else if (res.headersSent) res.destroy();
      else sendErrors(res, 502, `${service} is unavailable`);
    });
  };
}

function sendErrors(res: ServerResponse, status: number, message: string): void {
  const body: ErrorBody = { errors: [{ message }] };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function closeGracefully(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
  return closed.finally(() => clearTimeout(cutOff));
}
