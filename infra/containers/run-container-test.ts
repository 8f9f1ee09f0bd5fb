/**
 * The container test (`npm run test:containers`): builds every image from the real Dockerfiles
 * with podman, runs the whole system as containers on one network, named like the Kubernetes
 * Services and configured from the rendered dev overlay, then runs the integration tests image
 * against it. Fails on any error; prints image sizes and timings. Images stay cached. README.md.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, ofKind, renderKustomization } from '../k8s/src/manifests';
import { readSkaffoldConfig, type Artifact } from '../k8s/src/skaffold-config';
import { ensureBaseImage } from './base-image';
import { imageSize, podman, podmanLogged } from './podman';
import { ensureStoreImages } from './store-images';
import { systemContainers, testContainer, type ContainerSpec } from './system';

const run = promisify(execFile);
const TAG = 'container-test';
/** The app whose dev image (skaffold dev's target) is built too, to prove that target builds. */
const DEV_TARGET_APP = 'blog/posts';

const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (line: string) =>
  process.stdout.write(`[container-test ${seconds(started)}] ${line}\n`);

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  log(`${name}...`);
  const result = await work();
  log(`${name}: done in ${seconds(start)}`);
  return result;
}

async function requireTools(): Promise<void> {
  const missing: string[] = [];
  for (const tool of ['podman', 'debootstrap', 'kubectl', 'nats-server']) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      missing.push(tool);
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: run infra/containers/setup-host.sh (see infra/containers/README.md)`,
    );
  }
}

async function buildImage(
  artifact: Artifact,
  target: string | undefined,
  tag: string,
  baseImage: string,
  logDir: string,
) {
  const start = Date.now();
  const logFile = path.join(logDir, `build-${tag.replace(/[/:]/g, '_')}.log`);
  const code = await podmanLogged(
    [
      'build',
      '--build-arg',
      `NODE_IMAGE=${baseImage}`,
      '--file',
      path.join(REPO_ROOT, artifact.docker.dockerfile),
      ...(target ? ['--target', target] : []),
      '--tag',
      tag,
      path.join(REPO_ROOT, artifact.context),
    ],
    logFile,
  );
  if (code !== 0) {
    const tail = (await readFile(logFile, 'utf8')).split('\n').slice(-30).join('\n');
    throw new Error(`building ${tag} failed (log: ${logFile}):\n${tail}`);
  }
  log(`built ${tag}${target ? ` (target ${target})` : ''} in ${seconds(start)}`);
}

/** Writes each ConfigMap that a pod mounts as files into a directory the containers can read. */
async function writeConfigFiles(objects: ReturnType<typeof renderKustomization>, workdir: string) {
  const files = new Map<string, string>();
  for (const configMap of ofKind<{ data?: Record<string, string> }>(objects, 'ConfigMap')) {
    const dir = path.join(workdir, 'config', configMap.metadata.name);
    await mkdir(dir, { recursive: true });
    for (const [file, content] of Object.entries(configMap.data ?? {})) {
      await writeFile(path.join(dir, file), content, { mode: 0o644 });
    }
    await chmod(dir, 0o755);
    files.set(configMap.metadata.name, dir);
  }
  await chmod(path.join(workdir, 'config'), 0o755);
  await chmod(workdir, 0o755);
  return files;
}

function runArgs(spec: ContainerSpec, runId: string, network: string): string[] {
  return [
    `--name=${runId}-${spec.name}`,
    `--network=${network}`,
    ...spec.aliases.map((alias) => `--network-alias=${alias}`),
    ...spec.options,
    spec.image,
    ...spec.args,
  ];
}

/**
 * Stops the apps as Kubernetes does (SIGTERM, then a grace period) and requires a clean exit:
 * node must get the signal as PID 1 and finish its shutdown within SHUTDOWN_DELAY_MS +
 * SHUTDOWN_TIMEOUT_MS, as terminationGracePeriodSeconds expects.
 */
async function stopApps(specs: ContainerSpec[], runId: string): Promise<void> {
  const apps = specs.filter((spec) => spec.image.startsWith('localhost/blog/'));
  await Promise.all(apps.map((spec) => podman('stop', '--time=30', `${runId}-${spec.name}`)));
  for (const spec of apps) {
    const exitCode = await podman(
      'inspect',
      '--format={{.State.ExitCode}}',
      `${runId}-${spec.name}`,
    );
    if (exitCode !== '0') throw new Error(`${spec.name} exited with ${exitCode} on SIGTERM`);
  }
}

/** Runs the tests in the foreground with their output on ours; resolves to their exit code. */
function runTests(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('podman', ['run', '--rm', ...args], {
      stdio: 'inherit',
      env: { ...process.env, CONTAINERS_CONF: path.join(__dirname, 'containers.conf') },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  await requireTools();
  const workdir = await mkdtemp(path.join(tmpdir(), 'blog-container-test-'));
  log(`logs and files in ${workdir}`);

  const baseImage = await step('base image', () => ensureBaseImage(log));
  const stores = await step('data store images', () => ensureStoreImages(baseImage));

  const skaffold = readSkaffoldConfig();
  const appImages: Record<string, string> = {};
  let testsImage = '';
  await step('app and test images', async () => {
    for (const artifact of skaffold.build.artifacts) {
      const tag = `localhost/${artifact.image}:${TAG}`;
      // Apps: the runtime stage, as production runs them; the test image has a single target.
      const isApp = artifact.docker.target !== undefined;
      await buildImage(artifact, isApp ? 'runtime' : undefined, tag, baseImage, workdir);
      if (isApp) appImages[artifact.image] = tag;
      else testsImage = tag;
    }
    const dev = skaffold.build.artifacts.find((artifact) => artifact.image === DEV_TARGET_APP)!;
    await buildImage(dev, 'dev', `localhost/${dev.image}:${TAG}-dev`, baseImage, workdir);
  });

  log('image sizes:');
  for (const image of [
    ...Object.values(appImages),
    testsImage,
    `localhost/${DEV_TARGET_APP}:${TAG}-dev`,
    stores.mongo,
    stores.nats,
    baseImage,
  ]) {
    log(`  ${((await imageSize(image)) / 1e6).toFixed(0).padStart(5)} MB  ${image}`);
  }

  const objects = renderKustomization('overlays/dev');
  const specs = systemContainers(
    objects,
    { apps: appImages, mongo: stores.mongo, nats: stores.nats, tests: testsImage },
    await writeConfigFiles(objects, workdir),
  );
  const verify = skaffold.verify?.[0];
  if (!verify) throw new Error('skaffold.yaml has no verify test');
  const tests = testContainer(testsImage, verify.container.env ?? []);

  const runId = `blog-${process.pid}`;
  const network = `${runId}-net`;
  const startedContainers: string[] = [];
  let failed = true;
  try {
    // Internal: nothing leaves the network, and its DNS answers only for the containers on it. On
    // a normal network a name asked for before its container exists goes to the host's resolver,
    // whose answer (NXDOMAIN, or a catch-all proxy address here) is then cached for a while.
    await podman('network', 'create', '--internal', network);
    await step('start the system', async () => {
      for (const spec of specs) {
        await podman('run', '--detach', ...runArgs(spec, runId, network));
        startedContainers.push(`${runId}-${spec.name}`);
        log(`  ${spec.name} as ${spec.aliases.join(', ')}`);
      }
    });
    const code = await step('integration tests', () => runTests(runArgs(tests, runId, network)));
    if (code !== 0) throw new Error(`the integration tests failed (exit code ${code})`);
    await step('graceful shutdown', () => stopApps(specs, runId));
    failed = false;
  } finally {
    if (failed) {
      for (const name of startedContainers) {
        const logs = await podman('logs', '--tail=40', name).catch((error: Error) => error.message);
        log(`--- last lines of ${name} ---\n${logs}`);
      }
    }
    await Promise.all(
      startedContainers.map((name) => podman('rm', '--force', '--time=1', name).catch(() => '')),
    );
    await podman('network', 'rm', '--force', network).catch(() => '');
  }
  log(`passed in ${seconds(started)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[container-test] FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
