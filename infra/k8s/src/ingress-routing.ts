import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';

export interface IngressRoute {
  path: string;
  service: string;
}

/** The paths of one host, in the order ingress-nginx writes them into nginx.conf. */
export function ingressRoutes(ingress: IIngress, host: string): IngressRoute[] {
  const rule = ingress.spec?.rules?.find((candidate) => candidate.host === host);
  return (rule?.http?.paths ?? []).map((path) => ({
    path: path.path ?? '/',
    service: path.backend.service?.name ?? '',
  }));
}

/**
 * The Service ingress-nginx sends `pathname` to, when `use-regex` is on: every path is a
 * case-insensitive regular expression anchored at the start, tried longest first (ingress-nginx
 * sorts the locations by length, and nginx takes the first regex that matches).
 */
export function routeRequest(routes: IngressRoute[], pathname: string): string | undefined {
  return [...routes]
    .sort((a, b) => b.path.length - a.path.length)
    .find((route) => new RegExp(`^${route.path}`, 'i').test(pathname))?.service;
}
