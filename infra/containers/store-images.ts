import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../k8s/src/manifests';
import { imageExists, podman } from './podman';

const run = promisify(execFile);

/**
 * The data stores, for the test only: no registry here has the mongo and nats images, so the
 * MongoDB-compatible FerretDB (built by infra/ci/build-ferretdb.sh) and this machine's
 * nats-server go into small images on the local base. Cached by the binary's content.
 */
export async function ensureStoreImages(baseImage: string) {
  const ferretdb = process.env.FERRETDB_BINARY ?? (await buildFerretDb());
  const natsServer = (await run('sh', ['-c', 'command -v nats-server'])).stdout.trim();
  return {
    mongo: await imageWithBinary('ferretdb', ferretdb, baseImage, [
      '-listen=0.0.0.0:27017',
      '-dir=/data',
      '-log-level=warn',
    ]),
    nats: await imageWithBinary('nats-server', natsServer, baseImage, []),
  };
}

async function buildFerretDb(): Promise<string> {
  const script = path.join(REPO_ROOT, 'infra/ci/build-ferretdb.sh');
  const { stdout } = await run('bash', [script], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim().split('\n').at(-1)!;
}

async function imageWithBinary(
  name: string,
  binary: string,
  baseImage: string,
  args: string[],
): Promise<string> {
  const bytes = await readFile(binary);
  const key = createHash('sha256').update(bytes).update(baseImage).digest('hex').slice(0, 12);
  const tag = `localhost/blog-test-${name}:${key}`;
  if (await imageExists(tag)) return tag;
  const context = await mkdtemp(path.join(tmpdir(), `blog-${name}-`));
  try {
    await copyFile(binary, path.join(context, name));
    await writeFile(
      path.join(context, 'Containerfile'),
      [
        `FROM ${baseImage}`,
        `COPY --chmod=755 ${name} /usr/local/bin/${name}`,
        `ENTRYPOINT ${JSON.stringify([`/usr/local/bin/${name}`, ...args])}`,
        'CMD []',
      ].join('\n'),
    );
    await podman('build', '--quiet', '-t', tag, context);
    return tag;
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}
