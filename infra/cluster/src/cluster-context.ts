import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../k8s/src/manifests';
import { run, type RunOptions } from './shell';

const CLUSTER_SCRIPT = path.join(REPO_ROOT, 'infra/cluster/cluster.sh');

/** Where the test's commands run: the CI cluster's kubectl, skaffold and docker, and its logs. */
export interface ClusterContext {
  env: NodeJS.ProcessEnv;
  logDir: string;
  log: (line: string) => void;
  kubectl: (...args: string[]) => Promise<string>;
  /** `kubectl apply -f -` of these manifests. */
  kubectlApply: (manifests: string) => Promise<string>;
  /** Skaffold from the repository root, with its output in the step's log file. */
  skaffold: (logName: string, ...args: string[]) => Promise<string>;
}

/**
 * The environment for kubectl and skaffold against the CI cluster: its tools first on PATH,
 * then Debian's docker CLI (20.10, whose `docker build` uses dockerd's own BuildKit; the
 * docker 28 CLI would need buildx), the local registry as Skaffold's default repository, and a
 * Skaffold settings file of this run's own (no update check, no metrics, no survey prompt).
 */
export async function clusterContext(
  logDir: string,
  log: (line: string) => void,
): Promise<ClusterContext> {
  const exports = await run('bash', [CLUSTER_SCRIPT, 'env'], { env: process.env });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const match of exports.matchAll(/^export (\w+)=(.*)$/gm)) {
    env[match[1]!] = unquote(match[2]!);
  }
  env.PATH = withDebianDockerFirst(env.PATH ?? '');
  const skaffoldConfig = path.join(logDir, 'skaffold-config.yaml');
  await writeFile(
    skaffoldConfig,
    [
      'global:',
      '  update-check: false',
      '  collect-metrics: false',
      '  survey: { disable-prompt: true }',
      '  update: { disable-prompt: true }',
      'kubeContexts: []',
      '',
    ].join('\n'),
  );
  Object.assign(env, {
    SKAFFOLD_DEFAULT_REPO: 'localhost:5000',
    SKAFFOLD_CONFIG: skaffoldConfig,
    SKAFFOLD_UPDATE_CHECK: 'false',
    SKAFFOLD_INTERACTIVE: 'false',
    DOCKER_BUILDKIT: '1',
  });
  const options = (logName?: string): RunOptions => ({
    env,
    cwd: REPO_ROOT,
    logFile: logName ? path.join(logDir, `${logName}.log`) : undefined,
  });
  return {
    env,
    logDir,
    log,
    kubectl: (...args) => run('kubectl', args, options()),
    kubectlApply: (manifests) =>
      run('kubectl', ['apply', '-f', '-'], { ...options(), input: manifests }),
    skaffold: (logName, ...args) => run('skaffold', args, options(logName)),
  };
}

/** `cluster.sh env` prints bash's %q quoting; the values here never need more than this. */
function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1').replace(/\\(.)/g, '$1');
}

function withDebianDockerFirst(pathValue: string): string {
  const dirs = pathValue.split(':').filter(Boolean);
  const tools = dirs.filter((dir) => dir.includes('/cluster-tools/'));
  const others = dirs.filter((dir) => !dir.includes('/cluster-tools/') && dir !== '/usr/bin');
  return [...tools, '/usr/bin', ...others].join(':');
}
