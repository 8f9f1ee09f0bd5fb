import { eventually } from '@blog/testing';
import type { ClusterContext } from './cluster-context';

/** The label every object of the blog carries (infra/k8s/base/kustomization.yaml). */
export const BLOG_SELECTOR = 'app.kubernetes.io/part-of=blog';

export const APPS = ['posts', 'comments', 'query', 'moderation', 'event-bus', 'client'] as const;

/** `http://<cluster IP>:<port>` of a Service: this machine reaches it through kube-proxy. */
export async function serviceUrl(cluster: ClusterContext, service: string): Promise<string> {
  const address = await cluster.kubectl(
    'get',
    'service',
    service,
    '-o',
    'jsonpath={.spec.clusterIP}:{.spec.ports[0].port}',
  );
  return `http://${address}`;
}

/** The blog's four public services, as BlogClient wants them. */
export async function blogUrls(cluster: ClusterContext) {
  return {
    posts: await serviceUrl(cluster, 'posts-srv'),
    comments: await serviceUrl(cluster, 'comments-srv'),
    query: await serviceUrl(cluster, 'query-srv'),
    eventBus: await serviceUrl(cluster, 'event-bus-srv'),
  };
}

interface PodStatus {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status: { phase: string; conditions?: { type: string; status: string }[] };
}

export async function blogPods(cluster: ClusterContext): Promise<PodStatus[]> {
  const list = JSON.parse(
    await cluster.kubectl('get', 'pods', '-l', BLOG_SELECTOR, '-o', 'json'),
  ) as { items: PodStatus[] };
  return list.items;
}

export const isReady = (pod: PodStatus) =>
  pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;

interface Workload {
  kind: string;
  metadata: { name: string; generation: number };
  spec: { replicas: number };
  status: {
    readyReplicas?: number;
    updatedReplicas?: number;
    observedGeneration?: number;
    replicas?: number;
  };
}

/** Waits until every Deployment and StatefulSet of the blog has all its replicas ready. */
export async function untilAllReady(cluster: ClusterContext, timeoutMs = 300_000): Promise<void> {
  await eventually(
    async () => {
      const { items } = JSON.parse(
        await cluster.kubectl('get', 'deployments,statefulsets', '-l', BLOG_SELECTOR, '-o', 'json'),
      ) as { items: Workload[] };
      const waiting = items
        .filter(
          ({ spec, status, metadata }) =>
            (status.observedGeneration ?? 0) < metadata.generation ||
            (status.readyReplicas ?? 0) < spec.replicas ||
            (status.updatedReplicas ?? 0) < spec.replicas ||
            (status.replicas ?? 0) > spec.replicas,
        )
        .map(({ kind, metadata }) => `${kind}/${metadata.name}`);
      if (items.length === 0 || waiting.length > 0) {
        throw new Error(`not ready: ${waiting.join(', ') || 'nothing deployed'}`);
      }
    },
    { timeoutMs, intervalMs: 1000 },
  );
}

/** Waits until nothing of the blog but its volume claims is left in the cluster. */
export async function untilBlogGone(cluster: ClusterContext, timeoutMs = 120_000): Promise<void> {
  await eventually(
    async () => {
      const left = (
        await cluster.kubectl(
          'get',
          'deployments,statefulsets,services,configmaps,secrets,pods,jobs',
          '-l',
          BLOG_SELECTOR,
          '-o',
          'name',
        )
      ).trim();
      if (left !== '') throw new Error(`still in the cluster:\n${left}`);
    },
    { timeoutMs, intervalMs: 1000 },
  );
}
