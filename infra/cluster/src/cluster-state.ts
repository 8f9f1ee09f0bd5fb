import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clusterContext } from './cluster-context';
import { BLOG_SELECTOR, blogPods, isReady } from './kube';

/**
 * What a failed run leaves for its reader before the cluster is stopped: the pods, the recent
 * events, and the description and logs (current and previous container) of every pod that is
 * not Ready, in cluster-state.txt beside the other logs. Prints the pods that are not Ready.
 */
export async function saveClusterState(logDir: string): Promise<void> {
  const cluster = await clusterContext(logDir, () => undefined);
  const quietly = (...args: string[]) =>
    cluster.kubectl(...args).catch((error: Error) => error.message);
  const sections = [
    ['pods', await quietly('get', 'pods', '-A', '-o', 'wide')],
    ['events', await quietly('get', 'events', '--sort-by=.lastTimestamp')],
  ];
  const notReady = (await blogPods(cluster)).filter((pod) => !isReady(pod));
  for (const pod of notReady) {
    const name = pod.metadata.name;
    sections.push([`describe ${name}`, await quietly('describe', 'pod', name)]);
    sections.push([`logs ${name}`, await quietly('logs', name, '--all-containers', '--tail=200')]);
    sections.push([
      `previous logs ${name}`,
      await quietly('logs', name, '--previous', '--tail=200'),
    ]);
  }
  await writeFile(
    path.join(logDir, 'cluster-state.txt'),
    sections.map(([title, text]) => `===== ${title}\n${text}\n`).join('\n'),
  );
  process.stdout.write(
    `pods of the blog not Ready (${BLOG_SELECTOR}): ${notReady.map((pod) => pod.metadata.name).join(', ') || 'none'}\n`,
  );
}
