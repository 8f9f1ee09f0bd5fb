/**
 * `npm run test:cluster`: the blog on a real single-node Kubernetes, driven by the real Skaffold
 * the way its users drive it: diagnose and render every profile, `skaffold run` + `skaffold
 * verify` of the dev overlay, the `skaffold dev` loop, `skaffold run -p prod,network-policies`
 * with the policies enforced, and faults under load against prod. It starts the CI cluster
 * (infra/cluster/cluster.sh) and stops it at the end, also on failure. See README.md.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../k8s/src/manifests';
import { clusterContext, type ClusterContext } from './cluster-context';
import { missingPrerequisites } from './prerequisites';
import { saveClusterState } from './cluster-state';
import { attempt, run } from './shell';
import { devLoop } from './stages/dev-loop';
import { diagnoseAndRender } from './stages/diagnose-and-render';
import { faultsUnderLoad } from './stages/faults-under-load';
import { prodWithPolicies } from './stages/prod-with-policies';
import { runAndVerify } from './stages/run-and-verify';

const CLUSTER_SCRIPT = path.join(REPO_ROOT, 'infra/cluster/cluster.sh');
const BUILD_IMAGE = path.join(REPO_ROOT, 'infra/cluster/images/build-image.sh');

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
const log = (line: string) => process.stdout.write(`[cluster-test ${seconds(started)}] ${line}\n`);

const STAGES: [string, (cluster: ClusterContext) => Promise<unknown>][] = [
  ['1. skaffold diagnose + skaffold render, every profile', diagnoseAndRender],
  ['2. skaffold run (dev overlay) + skaffold verify', runAndVerify],
  ['3. skaffold dev: a synced edit, its revert, Ctrl-C', devLoop],
  ['4. skaffold run -p prod,network-policies', prodWithPolicies],
  ['5. faults under load (prod)', faultsUnderLoad],
];

async function main(): Promise<number> {
  const missing = await missingPrerequisites();
  if (missing.length > 0) {
    const message = `needs ${missing.join(', ')} (run as root: infra/cluster/install-packages.sh)`;
    if (process.env.REQUIRE_TEST_BACKENDS === '1') {
      log(`FAILED: ${message}`);
      return 1;
    }
    log(`SKIPPED: the cluster test ${message}`);
    return 0;
  }
  const logDir = await mkdtemp(path.join(tmpdir(), 'blog-cluster-test-'));
  log(`logs in ${logDir}`);
  const times: [string, string][] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const stepStarted = Date.now();
    log(`${name}...`);
    const result = await work();
    times.push([name, seconds(stepStarted)]);
    log(`${name}: done in ${seconds(stepStarted)}`);
    return result;
  };
  try {
    await timed('cluster up (cluster.sh up)', () =>
      run('bash', [CLUSTER_SCRIPT, 'up'], {
        env: process.env,
        logFile: path.join(logDir, 'cluster-up.log'),
      }),
    );
    const cluster = await clusterContext(logDir, log);
    cluster.env.BLOG_NODE_IMAGE = (
      await timed('node base image', () =>
        run('bash', [BUILD_IMAGE, 'node-base'], { env: cluster.env, cwd: REPO_ROOT }),
      )
    ).trim();
    for (const [name, stage] of STAGES) await timed(name, () => stage(cluster));
    log('passed');
    return 0;
  } catch (error) {
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    await saveClusterState(logDir).catch((saveError: unknown) =>
      log(`(could not save the cluster's state: ${String(saveError)})`),
    );
    log(`the logs of every step, and the cluster's state at the failure, are in ${logDir}`);
    return 1;
  } finally {
    if (process.env.KEEP_CLUSTER === '1') {
      log('KEEP_CLUSTER=1: the cluster keeps running; stop it with infra/cluster/cluster.sh down');
    } else {
      const down = await attempt('bash', [CLUSTER_SCRIPT, 'down'], {
        env: process.env,
        logFile: path.join(logDir, 'cluster-down.log'),
      });
      log(
        `cluster down: ${down.code === 0 ? 'every process stopped' : `FAILED (exit ${down.code})`}`,
      );
    }
    log('times:');
    for (const [name, time] of times) log(`  ${time.padStart(6)}  ${name}`);
    log(`  ${seconds(started).padStart(6)}  in all`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`FAILED: ${String(error)}`);
    process.exit(1);
  },
);
