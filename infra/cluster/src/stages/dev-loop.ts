import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eventually } from '@blog/testing';
import { REPO_ROOT } from '../../../k8s/src/manifests';
import type { ClusterContext } from '../cluster-context';
import { blogPods, untilBlogGone } from '../kube';
import { withCiImages } from '../profiles';
import { background, stop, type Background } from '../shell';

/** The edit: a header on posts' list answer, in a file that skaffold.yaml syncs. */
const EDITED_FILE = path.join(REPO_ROOT, 'apps/posts/src/routes.ts');
const ANCHOR = 'res.json(keyedById(posts));';
const HEADER = 'x-dev-loop';
/** The bound: an edit is served through Skaffold's port-forward within this. */
const VISIBLE_WITHIN_MS = 20_000;

/**
 * Stage 3: `skaffold dev` in the background. An edit to a synced .ts file of posts is served
 * through Skaffold's port-forward within 20 s, by the same pod (copied in, not rebuilt and
 * redeployed); reverting it is served too; Ctrl-C (SIGINT) removes what `skaffold dev` deployed.
 */
export async function devLoop(cluster: ClusterContext): Promise<void> {
  const original = await readFile(EDITED_FILE, 'utf8');
  if (original.split(ANCHOR).length !== 2) {
    throw new Error(`${EDITED_FILE} no longer has exactly one "${ANCHOR}" to edit`);
  }
  const dev = background('skaffold', ['dev', '-p', withCiImages(''), '--port-forward=user'], {
    env: cluster.env,
    cwd: REPO_ROOT,
    logFile: path.join(cluster.logDir, 'skaffold-dev.log'),
  });
  try {
    const postsUrl = await untilForwarded(dev, 'posts-srv');
    cluster.log(`  skaffold dev is watching; posts forwarded to ${postsUrl}`);
    const podBefore = await postsPod(cluster);

    const nonce = randomBytes(4).toString('hex');
    const outputBefore = dev.output().length;
    await writeFile(
      EDITED_FILE,
      original.replace(ANCHOR, `res.set('${HEADER}', '${nonce}').json(keyedById(posts));`),
    );
    const shownIn = await untilHeader(postsUrl, nonce);
    cluster.log(`  edit served in ${(shownIn / 1000).toFixed(1)} s`);
    const afterEdit = dev.output().slice(outputBefore);
    if (!/Syncing \d+ files? for/.test(afterEdit))
      throw new Error('skaffold dev did not sync the edit');
    if (/Building \[blog\/posts\]/.test(afterEdit))
      throw new Error('skaffold dev rebuilt the image for a synced edit');
    if ((await postsPod(cluster)) !== podBefore) throw new Error('the edit replaced the posts pod');

    await writeFile(EDITED_FILE, original);
    const revertedIn = await untilHeader(postsUrl, undefined);
    cluster.log(`  revert served in ${(revertedIn / 1000).toFixed(1)} s`);
  } finally {
    await writeFile(EDITED_FILE, original);
    await interrupt(dev);
  }
  await untilBlogGone(cluster);
  cluster.log('  Ctrl-C: skaffold dev removed everything it deployed');
}

/** The local address Skaffold forwards `service` to, once it says so. */
async function untilForwarded(dev: Background, service: string): Promise<string> {
  return eventually(
    () => {
      if (dev.child.exitCode !== null)
        throw new Error(`skaffold dev exited:\n${dev.output().slice(-3000)}`);
      const output = dev.output();
      const forwarded = new RegExp(
        `service/${service} in namespace \\S*, remote port \\d+ -> (\\S+)`,
      ).exec(output);
      if (!forwarded || !output.includes('Watching for changes'))
        throw new Error('skaffold dev is not watching yet');
      return forwarded[1]!.startsWith('http') ? forwarded[1]! : `http://${forwarded[1]}`;
    },
    { timeoutMs: 600_000, intervalMs: 1000 },
  );
}

/** Milliseconds until posts answers with the header set to `value` (or without it). */
async function untilHeader(postsUrl: string, value: string | undefined): Promise<number> {
  const started = Date.now();
  await eventually(
    async () => {
      const response = await fetch(`${postsUrl}/posts?limit=1`, {
        signal: AbortSignal.timeout(2000),
      });
      const shown = response.headers.get(HEADER) ?? undefined;
      if (shown !== value)
        throw new Error(`${HEADER} is ${shown ?? 'absent'}, not ${value ?? 'absent'}`);
    },
    { timeoutMs: VISIBLE_WITHIN_MS, intervalMs: 250 },
  );
  return Date.now() - started;
}

async function postsPod(cluster: ClusterContext): Promise<string> {
  const pods = (await blogPods(cluster)).filter((pod) => pod.metadata.labels?.app === 'posts');
  return pods.map((pod) => pod.metadata.name).join(',');
}

/** Ctrl-C, as a developer stops it: Skaffold then deletes what it deployed and exits. */
async function interrupt(dev: Background): Promise<void> {
  dev.child.kill('SIGINT');
  const exited = await Promise.race([
    dev.ended.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 180_000)),
  ]);
  if (!exited) {
    stop(dev.child);
    throw new Error('skaffold dev did not stop within 3 minutes of SIGINT');
  }
}
