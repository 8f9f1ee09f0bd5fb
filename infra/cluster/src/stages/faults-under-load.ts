import { sleep } from '@blog/service-kit';
import { Workload } from '../../../e2e/src/workload';
import type { ClusterContext } from '../cluster-context';
import { APPS, blogPods, blogUrls, untilAllReady } from '../kube';
import { RetryingBlogClient, type FailedWrite } from '../load/retrying-client';
import { isExact, untilSettled } from '../load/settlement';
import { steadyWriter } from '../load/steady-writer';

const WRITES_PER_SECOND = 50;
const MIN_LOAD_MS = 60_000;
const SETTLE_MS = 180_000;

interface Phase {
  name: string;
  started: number;
  ended: number;
  /** Whether a failed request is a defect here (the rollouts must not fail any). */
  mustNotFail: boolean;
}

/**
 * Stage 5, against the prod deployment: a steady writer (posts and comments, 50 writes/s) runs
 * while, in turn, a pod of each app, the NATS pod and a MongoDB pod are deleted, then every
 * Deployment is restarted (`kubectl rollout restart`) and scaled to 3 replicas and back.
 * Afterwards every accepted post and comment is in query exactly once with its final status,
 * and no request failed during the rollouts and scalings; a write refused with 503 while its
 * database was away is retried by the writer and counted.
 */
export async function faultsUnderLoad(cluster: ClusterContext): Promise<string[]> {
  const client = new RetryingBlogClient(await blogUrls(cluster));
  const workload = new Workload(client);
  const phases: Phase[] = [];
  const phase = async (name: string, mustNotFail: boolean, work: () => Promise<void>) => {
    const started = Date.now();
    await work();
    await untilAllReady(cluster);
    phases.push({ name, started, ended: Date.now(), mustNotFail });
    cluster.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };

  const loadStarted = Date.now();
  const writer = steadyWriter(workload, WRITES_PER_SECOND);
  try {
    await sleep(5000);
    for (const app of [...APPS]) {
      await phase(`delete a ${app} pod`, false, () => deletePod(cluster, app));
    }
    await phase('delete the NATS pod', false, () => deletePodNamed(cluster, 'nats-0'));
    await phase('delete a MongoDB pod (posts)', false, () =>
      deletePodNamed(cluster, 'posts-mongo-0'),
    );
    await phase('rollout restart of every Deployment', true, async () => {
      await cluster.kubectl('rollout', 'restart', ...APPS.map((app) => `deployment/${app}`));
      for (const app of APPS)
        await cluster.kubectl('rollout', 'status', `deployment/${app}`, '--timeout=300s');
    });
    await phase('scale every app to 3 replicas', true, () => scale(cluster, 3));
    await phase('scale every app back to 2', true, () => scale(cluster, 2));
    const left = MIN_LOAD_MS - (Date.now() - loadStarted);
    if (left > 0) await sleep(left);
  } finally {
    await writer.stop();
  }
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  const settlement = await untilSettled(client, workload, SETTLE_MS);
  client.close();

  const sent = workload.acceptedPosts + workload.acceptedComments + client.failed.length;
  const report = [
    `writes sent ${sent} in ${loadSeconds.toFixed(0)} s (${(sent / loadSeconds).toFixed(0)}/s), ` +
      `accepted ${workload.acceptedPosts} posts + ${workload.acceptedComments} comments, ` +
      `503 answers retried until taken ${client.retried503}, refused in the end ${JSON.stringify(workload.failures)}`,
    `in query: ${settlement.postsInQuery} posts, ${settlement.commentsInQuery} comments; ` +
      `missing ${settlement.missingPosts} posts + ${settlement.missingComments} comments, ` +
      `duplicates ${settlement.duplicates}, unexpected ${settlement.unexpected}, ` +
      `wrong status ${settlement.wrongStatus}, events stored twice ${settlement.storedTwice}`,
    ...phases.map((p) => `${p.name}: failed requests ${failuresIn(client.failed, p).length}`),
  ];
  for (const line of report) cluster.log(`  ${line}`);

  const problems: string[] = [];
  if (!isExact(settlement)) problems.push('query does not show exactly what was accepted');
  if (client.failed.length > 0) {
    problems.push(`${client.failed.length} writes failed: ${JSON.stringify(workload.failures)}`);
  }
  for (const p of phases.filter((p) => p.mustNotFail)) {
    if (failuresIn(client.failed, p).length > 0)
      problems.push(`requests failed during "${p.name}"`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return report;
}

const failuresIn = (failed: FailedWrite[], phase: Phase) =>
  failed.filter((f) => f.at >= phase.started && f.at <= phase.ended);

async function deletePod(cluster: ClusterContext, app: string): Promise<void> {
  const pod = (await blogPods(cluster)).find(
    (candidate) => candidate.metadata.labels?.app === app && !candidate.metadata.deletionTimestamp,
  );
  if (!pod) throw new Error(`no ${app} pod to delete`);
  await deletePodNamed(cluster, pod.metadata.name);
}

/** As `kubectl delete pod` does by default: SIGTERM and the pod's grace period. */
async function deletePodNamed(cluster: ClusterContext, name: string): Promise<void> {
  await cluster.kubectl('delete', 'pod', name, '--wait=false');
  // The controller replaces it; wait for the replacement to be scheduled before checking.
  await sleep(2000);
}

async function scale(cluster: ClusterContext, replicas: number): Promise<void> {
  await cluster.kubectl(
    'scale',
    `--replicas=${replicas}`,
    ...APPS.map((app) => `deployment/${app}`),
  );
  await sleep(2000);
}
