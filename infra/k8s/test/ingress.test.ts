import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PUBLIC_ROUTES, matchPublicRoute } from '../../local/src/public-routes';
import { ingressRoutes, routeRequest } from '../src/ingress-routing';
import { ofKind } from '../src/manifests';
import { describeWithKubectl, rendered } from './rendered';

const HOST = 'posts.com';
/** A path of the public table with its `:id` filled in, as a client sends it. */
const concrete = (path: string) => path.replace(/:\w+/g, '0196a0b2-7c1d-7000-8000-000000000001');

describeWithKubectl('the ingress', () => {
  const ingresses = () => ofKind<IIngress>(rendered('dev'), 'Ingress');
  /** ingress-nginx merges the paths of every Ingress of a host into one server. */
  const routes = () => ingresses().flatMap((ingress) => ingressRoutes(ingress, HOST));
  const annotation = (ingress: IIngress, name: string) =>
    ingress.metadata?.annotations?.[`nginx.ingress.kubernetes.io/${name}`];

  it('is for ingress-nginx at posts.com, with regex paths', () => {
    expect(ingresses().map((ingress) => ingress.metadata?.name)).toEqual(['blog', 'blog-stream']);
    for (const ingress of ingresses()) {
      expect(ingress.spec?.ingressClassName).toBe('nginx');
      expect(annotation(ingress, 'use-regex')).toBe('true');
      for (const path of ingress.spec?.rules?.[0]?.http?.paths ?? []) {
        expect(path.pathType).toBe('ImplementationSpecific');
      }
    }
  });

  it('passes the event stream on unbuffered, and buffers everything else', () => {
    const stream = ingresses().find((ingress) => ingress.metadata?.name === 'blog-stream')!;
    expect(ingressRoutes(stream, HOST)).toEqual([{ path: '/posts/stream', service: 'query-srv' }]);
    expect(annotation(stream, 'proxy-buffering')).toBe('off');
    // Longer than the stream's 15 s heartbeats (apps/query/src/stream/post-stream.ts).
    expect(Number(annotation(stream, 'proxy-read-timeout'))).toBeGreaterThan(15);
    const api = ingresses().find((ingress) => ingress.metadata?.name === 'blog')!;
    expect(annotation(api, 'proxy-buffering')).toBeUndefined();
  });

  it('sends the course routes where they belong', () => {
    expect(routeRequest(routes(), '/posts/create')).toBe('posts-srv');
    expect(routeRequest(routes(), '/posts')).toBe('query-srv');
    expect(routeRequest(routes(), `/posts/${concrete(':id')}`)).toBe('query-srv');
    expect(routeRequest(routes(), `/posts/${concrete(':id')}/comments`)).toBe('comments-srv');
    expect(routeRequest(routes(), '/posts/stream')).toBe('query-srv');
    expect(routeRequest(routes(), '/')).toBe('client-srv');
    // Whatever is not the API is the web client's, which answers 404 for all but its page.
    expect(routeRequest(routes(), '/events')).toBe('client-srv');
  });

  it.each(PUBLIC_ROUTES.map((route) => [`${route.methods.join('|')} ${route.path}`, route]))(
    'agrees with the npm start gateway on %s',
    (_name, route) => {
      expect(routeRequest(routes(), concrete(route.path))).toBe(`${route.service}-srv`);
    },
  );

  it('has no route the gateway lacks', () => {
    for (const { path, service } of routes()) {
      const sample = path.replace(/\[\^\/\]\+/g, 'x');
      const gateway = ['GET', 'POST'].map((method) => matchPublicRoute(method, sample)?.service);
      expect({ path, service }).toEqual({ path, service: expect.stringMatching(/-srv$/) });
      expect(gateway.map((name) => name && `${name}-srv`)).toContain(service);
    }
  });
});
