import path from 'node:path';
import type { ClusterContext } from '../cluster-context';
import { withCiImages } from '../profiles';

/**
 * Stage 2: `skaffold run` deploys the dev overlay and waits for every workload to be ready,
 * then `skaffold verify` runs the integration tests as a Job in the cluster, which reaches
 * every service by its Service name. Verify runs the images of the build (`--build-artifacts`).
 */
export async function runAndVerify(cluster: ClusterContext): Promise<void> {
  await timedStep(cluster, 'skaffold run', () =>
    cluster.skaffold('run-dev', 'run', '-p', withCiImages(''), '--status-check=true'),
  );
  const artifacts = path.join(cluster.logDir, 'dev-artifacts.json');
  await cluster.skaffold(
    'run-dev',
    'build',
    '-q',
    '-p',
    withCiImages(''),
    `--file-output=${artifacts}`,
  );
  const output = await timedStep(cluster, 'skaffold verify', () =>
    cluster.skaffold('verify', 'verify', '-p', withCiImages(''), `--build-artifacts=${artifacts}`),
  );
  // skaffold verify exits non-zero when the Job fails; that is the verdict. The Job's output is
  // streamed only if Skaffold attaches to the pod before jest ends, so the summary may be absent.
  const summary = output.match(/Tests: +.*/)?.[0];
  if (summary && /failed/.test(summary)) throw new Error(`integration tests: ${summary}`);
  cluster.log(
    `  integration tests in the cluster passed: ${summary ?? '(Skaffold streamed no output)'}`,
  );
}

export async function timedStep<T>(
  cluster: ClusterContext,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const result = await work();
  cluster.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
}
