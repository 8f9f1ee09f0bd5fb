import type { ClusterContext } from '../cluster-context';
import { APPS, blogPods, isReady } from '../kube';
import { withCiImages } from '../profiles';

/** What the network policies allow and forbid (infra/k8s/components/network-policies). */
const CONNECTIONS: { from: string; to: string; port: number; allowed: boolean }[] = [
  { from: 'posts', to: 'posts-mongo-srv', port: 27017, allowed: true },
  { from: 'posts', to: 'event-bus-srv', port: 4005, allowed: true },
  { from: 'comments', to: 'posts-srv', port: 4000, allowed: true },
  { from: 'event-bus', to: 'nats-srv', port: 4222, allowed: true },
  { from: 'event-bus', to: 'query-srv', port: 4002, allowed: true },
  { from: 'posts', to: 'query-mongo-srv', port: 27017, allowed: false },
  { from: 'posts', to: 'nats-srv', port: 4222, allowed: false },
  { from: 'query', to: 'posts-mongo-srv', port: 27017, allowed: false },
  { from: 'moderation', to: 'comments-mongo-srv', port: 27017, allowed: false },
  { from: 'query', to: 'moderation-srv', port: 4003, allowed: false },
  { from: 'client', to: 'posts-srv', port: 4000, allowed: false },
];

/** Connects with the app's own Node.js and prints "open" or why not. */
const CONNECT = `const s = require('net').connect(+process.argv[2], process.argv[1]);
s.setTimeout(3000, () => { console.log('timeout'); process.exit(1); });
s.on('connect', () => { console.log('open'); process.exit(0); });
s.on('error', (e) => { console.log(e.code); process.exit(1); });`;

/**
 * Stage 4: `skaffold run -p prod,network-policies`: every pod Ready under the prod security
 * settings (checked from inside: not root, root filesystem read-only), and the policies
 * enforced: each allowed connection opens, each forbidden one is refused.
 */
export async function prodWithPolicies(cluster: ClusterContext): Promise<void> {
  // What overlays/prod leaves to its user: the Secret with the databases' addresses.
  const secret = await cluster.kubectl(
    'create',
    'secret',
    'generic',
    'mongo-urls',
    '--from-literal=POSTS_MONGO_URL=mongodb://posts-mongo-srv:27017/posts',
    '--from-literal=COMMENTS_MONGO_URL=mongodb://comments-mongo-srv:27017/comments',
    '--from-literal=QUERY_MONGO_URL=mongodb://query-mongo-srv:27017/query',
    '--dry-run=client',
    '-o',
    'yaml',
  );
  await cluster.kubectlApply(secret);
  await cluster.skaffold(
    'run-prod',
    'run',
    '-p',
    withCiImages('prod,network-policies'),
    '--status-check=true',
  );
  const pods = await blogPods(cluster);
  const notReady = pods.filter((pod) => !isReady(pod)).map((pod) => pod.metadata.name);
  if (notReady.length > 0) throw new Error(`not Ready: ${notReady.join(', ')}`);
  cluster.log(`  ${pods.length} pods Ready`);

  for (const app of APPS) {
    const uid = await exec(cluster, app, 'console.log(process.getuid())');
    const write = await exec(cluster, app, "require('fs').writeFileSync('/probe', '')").catch(
      (error: Error) => error.message,
    );
    if (uid.trim() === '0') throw new Error(`${app} runs as root`);
    if (!write.includes('EROFS')) throw new Error(`${app} could write to its root filesystem`);
  }
  cluster.log('  every app runs as a non-root user on a read-only root filesystem');

  for (const { from, to, port, allowed } of CONNECTIONS) {
    const printed = await exec(cluster, from, CONNECT, to, String(port)).catch(
      (error: Error) => error.message,
    );
    const outcome = /\b(open|timeout|E[A-Z]+)\b/.exec(printed)?.[1] ?? printed;
    if ((outcome === 'open') !== allowed) {
      throw new Error(
        `${from} -> ${to}:${port}: ${outcome}, but the policies ${allowed ? 'allow' : 'forbid'} it`,
      );
    }
    cluster.log(`  ${from} -> ${to}:${port}: ${outcome} (${allowed ? 'allowed' : 'forbidden'})`);
  }
}

function exec(cluster: ClusterContext, app: string, script: string, ...args: string[]) {
  return cluster.kubectl('exec', `deployment/${app}`, '--', 'node', '-e', script, ...args);
}
