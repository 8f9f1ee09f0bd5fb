import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  access,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
} from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const DEBIAN_SUITE = 'bookworm';
const DEBIAN_MIRROR = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** What an image made from the archive must set: Node trusts the CA bundle the host trusts. */
export const BASE_IMAGE_SETTINGS = [`ENV NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`, 'CMD ["node"]'];

export interface BaseRootfs {
  /** A tar of the whole root filesystem, to `podman import` or `docker import`. */
  archive: string;
  /** Changes when any input changes: the Debian suite, Node, npm or the CA bundle. */
  key: string;
  nodeVersion: string;
}

/**
 * The root filesystem of a local stand-in for the public node image, for machines that reach
 * package registries but no container registry: a minimal Debian (debootstrap) with this
 * machine's Node.js, npm and CA certificates. Node trusts that CA bundle, so `npm ci` inside a
 * build works behind the same TLS-inspecting proxy as the host does. Made once per machine and
 * kept in ~/.cache, so both the container test (podman) and the CI cluster (docker) import the
 * same archive instead of each running debootstrap.
 */
export async function ensureBaseRootfs(log: (line: string) => void): Promise<BaseRootfs> {
  const nodeBinary = await realpath((await run('sh', ['-c', 'command -v node'])).stdout.trim());
  const npmRoot = path.resolve(
    await realpath((await run('sh', ['-c', 'command -v npm'])).stdout.trim()),
    '../..',
  );
  const nodeVersion = (await run(nodeBinary, ['--version'])).stdout.trim();
  const npmVersion = (
    await run(nodeBinary, [path.join(npmRoot, 'bin/npm-cli.js'), '--version'])
  ).stdout.trim();
  const key = createHash('sha256')
    .update([DEBIAN_SUITE, nodeVersion, npmVersion, await readFile(CA_BUNDLE, 'utf8')].join('\n'))
    .digest('hex')
    .slice(0, 12);
  const cacheDir = path.join(
    process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
    'blog-microservices/node-base',
  );
  const archive = path.join(cacheDir, `${DEBIAN_SUITE}-node-${nodeVersion}-${key}.tar`);
  if (await exists(archive)) return { archive, key, nodeVersion };

  log(
    `making the base root filesystem (debootstrap ${DEBIAN_SUITE}, node ${nodeVersion}, npm ${npmVersion})`,
  );
  await mkdir(cacheDir, { recursive: true });
  const workdir = await mkdtemp(path.join(cacheDir, 'rootfs-'));
  const rootfs = path.join(workdir, 'rootfs');
  try {
    await run('debootstrap', ['--variant=minbase', DEBIAN_SUITE, rootfs, DEBIAN_MIRROR], {
      maxBuffer: 64 * 1024 * 1024,
    });
    // What a slim image leaves out: package lists, downloaded packages, documentation.
    for (const dir of ['var/lib/apt/lists', 'var/cache/apt', 'usr/share/doc', 'usr/share/man']) {
      await rm(path.join(rootfs, dir), { recursive: true, force: true });
      await mkdir(path.join(rootfs, dir), { recursive: true });
    }
    await cp(nodeBinary, path.join(rootfs, 'usr/local/bin/node'));
    await cp(npmRoot, path.join(rootfs, 'usr/local/lib/node_modules/npm'), { recursive: true });
    await symlink('../lib/node_modules/npm/bin/npm-cli.js', path.join(rootfs, 'usr/local/bin/npm'));
    await symlink('../lib/node_modules/npm/bin/npx-cli.js', path.join(rootfs, 'usr/local/bin/npx'));
    await mkdir(path.join(rootfs, 'etc/ssl/certs'), { recursive: true });
    await cp(CA_BUNDLE, path.join(rootfs, CA_BUNDLE));
    // Written beside the target and renamed, so an interrupted run never leaves half an archive.
    await run('tar', ['-C', rootfs, '-cf', `${archive}.partial`, '.']);
    await rename(`${archive}.partial`, archive);
    return { archive, key, nodeVersion };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
