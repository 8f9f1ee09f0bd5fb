import type { IContainer } from 'kubernetes-models/v1/Container';
import type { K8sObject } from './manifests';

/** Data of Secrets that are not part of the manifests (created by the operator), by name. */
export type ExternalSecrets = Record<string, Record<string, string>>;

/**
 * The environment a container starts with, as the kubelet builds it: `envFrom` first, then
 * `env`, values read from the ConfigMaps and Secrets they reference. A missing map or key is an
 * error: Kubernetes would refuse to start the container.
 */
export function podEnvironment(
  container: IContainer,
  objects: K8sObject[],
  externalSecrets: ExternalSecrets = {},
): Record<string, string> {
  const dataOf = (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> => {
    const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (object) {
      const data = (object.data ?? {}) as Record<string, string>;
      return kind === 'Secret'
        ? Object.fromEntries(
            Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
          )
        : data;
    }
    const external = kind === 'Secret' ? externalSecrets[name] : undefined;
    if (external) return external;
    throw new Error(`${container.name}: ${kind} ${name} does not exist`);
  };
  const valueOf = (kind: 'ConfigMap' | 'Secret', name: string, key: string): string => {
    const value = dataOf(kind, name)[key];
    if (value === undefined) throw new Error(`${container.name}: ${kind} ${name} has no ${key}`);
    return value;
  };

  const environment: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef)
      Object.assign(environment, dataOf('ConfigMap', source.configMapRef.name!));
    if (source.secretRef) Object.assign(environment, dataOf('Secret', source.secretRef.name!));
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (from?.configMapKeyRef) {
      environment[variable.name] = valueOf(
        'ConfigMap',
        from.configMapKeyRef.name!,
        from.configMapKeyRef.key,
      );
    } else if (from?.secretKeyRef) {
      environment[variable.name] = valueOf(
        'Secret',
        from.secretKeyRef.name!,
        from.secretKeyRef.key,
      );
    } else if (from) {
      throw new Error(`${container.name}: ${variable.name} uses an unsupported valueFrom`);
    } else {
      environment[variable.name] = variable.value ?? '';
    }
  }
  return environment;
}

/** Every `scheme://host:port` a value names (SUBSCRIBERS holds several). */
export function urlsIn(value: string): URL[] {
  return (value.match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s,]+/gi) ?? []).map((text) => new URL(text));
}

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'mongodb:': 27017,
  'nats:': 4222,
};

export function portOf(url: URL): number {
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (port === undefined)
    throw new Error(`${url.href}: no port and no default for ${url.protocol}`);
  return port;
}
