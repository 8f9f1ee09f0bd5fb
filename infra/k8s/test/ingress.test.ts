import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PUBLIC_ROUTES, matchPublicRoute } from '../../local/src/public-routes';
import { ingressRoutes, routeRequest } from '../src/ingress-routing';
import { ofKind } from '../src/manifests';
import { describeWithKubectl, rendered } from './rendered';

const HOST = 'posts.com';
/** A path of the public table with its `:id` filled in, as a client sends it. */
const concrete = (path: string) => path.replace(/:\w+/g, '0196a0b2-7c1d-7000-8000-000000000001');

describeWithKubectl('the ingress', () => {
  const routes = () => ingressRoutes(ofKind<IIngress>(rendered('dev'), 'Ingress')[0]!, HOST);

  it('is for ingress-nginx at posts.com, with regex paths', () => {
    const [ingress, ...others] = ofKind<IIngress>(rendered('dev'), 'Ingress');
    expect(others).toEqual([]);
    expect(ingress!.spec?.ingressClassName).toBe('nginx');
    expect(ingress!.metadata?.annotations?.['nginx.ingress.kubernetes.io/use-regex']).toBe('true');
    for (const path of ingress!.spec?.rules?.[0]?.http?.paths ?? []) {
      expect(path.pathType).toBe('ImplementationSpecific');
    }
  });

  it('sends the course routes where they belong', () => {
    expect(routeRequest(routes(), '/posts/create')).toBe('posts-srv');
    expect(routeRequest(routes(), '/posts')).toBe('query-srv');
    expect(routeRequest(routes(), `/posts/${concrete(':id')}`)).toBe('query-srv');
    expect(routeRequest(routes(), `/posts/${concrete(':id')}/comments`)).toBe('comments-srv');
    expect(routeRequest(routes(), '/events')).toBeUndefined();
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
