import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { parse } from 'yaml';
import { ingressRoutes } from '../src/ingress-routing';
import { REPO_ROOT, ofKind, type K8sObject } from '../src/manifests';
import {
  allowedConnections,
  connectionKey,
  type Connection,
  type Endpoint,
} from '../src/network-policy';
import { podEnvironment, portOf, urlsIn } from '../src/pod-environment';
import { readSkaffoldConfig } from '../src/skaffold-config';
import {
  backendOf,
  services,
  targetContainerPort,
  workloadOf,
  workloads,
  type Workload,
} from '../src/workloads';
import { prodSecrets } from './prod-secrets';
import { describeWithKubectl, rendered } from './rendered';

const NAMESPACE = 'blog';

/** The pod of `skaffold verify`: its Job manifest with the environment skaffold.yaml gives it. */
function verifyJob(): { workload: Workload; env: Record<string, string> } {
  const verify = readSkaffoldConfig().verify![0]!;
  const jobFile = path.join(REPO_ROOT, verify.executionMode!.kubernetesCluster!.jobManifestPath!);
  const job = parse(readFileSync(jobFile, 'utf8')) as K8sObject;
  const env = Object.fromEntries((verify.container.env ?? []).map((e) => [e.name, e.value]));
  return { workload: workloadOf(job), env };
}

/** Pods outside the blog that matter to its policies, and strangers that must get nothing. */
const OTHERS: Endpoint[] = [
  {
    name: 'kube-dns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ],
  },
  {
    name: 'ingress-nginx',
    namespace: 'ingress-nginx',
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    },
    ports: [{ port: 80, protocol: 'TCP' }],
  },
  {
    name: 'a stranger in the namespace',
    namespace: NAMESPACE,
    labels: { app: 'stranger' },
    ports: [{ port: 8080, protocol: 'TCP' }],
  },
  // Same labels as the blog's posts pods, other namespace: namespaces must not be confused.
  {
    name: 'a look-alike elsewhere',
    namespace: 'elsewhere',
    labels: { app: 'posts' },
    ports: [{ port: 4000, protocol: 'TCP' }],
  },
];

function endpointOf(workload: Workload): Endpoint {
  return {
    name: workload.name,
    namespace: NAMESPACE,
    labels: workload.labels,
    ports: workload.containers.flatMap((c) =>
      (c.ports ?? []).map((p) => ({
        port: p.containerPort,
        protocol: 'TCP' as const,
        ...(p.name ? { name: p.name } : {}),
      })),
    ),
  };
}

/**
 * The connections the system makes, derived from its configuration: every URL in a pod's
 * environment (service URLs, SUBSCRIBERS, MONGO_URL, NATS_URL) leads to a Service and so to a
 * pod and port; the ingress reaches its backends; whoever calls anything looks names up in DNS.
 */
function expectedConnections(objects: K8sObject[]): Connection[] {
  const all = workloads(objects);
  const callers = [
    ...all.flatMap((workload) =>
      workload.containers.map((c) => ({
        workload,
        env: podEnvironment(c, objects, prodSecrets()),
      })),
    ),
    verifyJob(),
  ];
  const toService = (from: string, serviceName: string, port: number): Connection => {
    const service = services(objects).find((s) => s.metadata.name === serviceName)!;
    const backend = backendOf(service, all)[0]!;
    const servicePort = service.spec!.ports!.find((p) => p.port === port)!;
    const target = targetContainerPort(servicePort.targetPort, servicePort.port, backend)!;
    return { from, to: backend.name, port: target, protocol: 'TCP' };
  };

  const connections: Connection[] = [];
  for (const { workload, env } of callers) {
    const calls = Object.values(env)
      .flatMap(urlsIn)
      .map((url) => toService(workload.name, url.hostname, portOf(url)));
    connections.push(...calls);
    if (calls.length > 0) {
      connections.push(
        { from: workload.name, to: 'kube-dns', port: 53, protocol: 'UDP' },
        { from: workload.name, to: 'kube-dns', port: 53, protocol: 'TCP' },
      );
    }
  }
  for (const ingress of ofKind<IIngress>(objects, 'Ingress')) {
    for (const route of ingressRoutes(ingress, 'posts.com')) {
      const port = services(objects).find((s) => s.metadata.name === route.service)!.spec!
        .ports![0]!.port;
      connections.push(toService('ingress-nginx', route.service, port));
    }
  }
  return connections;
}

const keys = (connections: Connection[]) => [...new Set(connections.map(connectionKey))].sort();

describeWithKubectl('the network policies', () => {
  it.each(['dev + network-policies', 'prod + network-policies'] as const)(
    '%s: allow exactly the connections the configuration makes, nothing more',
    (name) => {
      const objects = rendered(name);
      const policies = ofKind<INetworkPolicy>(objects, 'NetworkPolicy');
      const endpoints = [
        ...workloads(objects).map(endpointOf),
        endpointOf(verifyJob().workload),
        ...OTHERS,
      ];
      const ours = (connection: Connection) =>
        [connection.from, connection.to].some(
          (end) => endpoints.find((e) => e.name === end)?.namespace === NAMESPACE,
        );
      const allowed = allowedConnections(policies, NAMESPACE, endpoints).filter(ours);
      expect(keys(allowed)).toEqual(keys(expectedConnections(objects)));
    },
  );

  it('are not part of the plain overlays', () => {
    expect(ofKind(rendered('dev'), 'NetworkPolicy')).toEqual([]);
    expect(ofKind(rendered('prod'), 'NetworkPolicy')).toEqual([]);
  });
});
