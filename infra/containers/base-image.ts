import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, realpath, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { imageExists, podman } from './podman';

const run = promisify(execFile);

const DEBIAN_SUITE = 'bookworm';
const DEBIAN_MIRROR = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * A local stand-in for the public node image, for machines that reach package registries but
 * no container registry: a minimal Debian (debootstrap) with this machine's Node.js, npm and
 * CA certificates. Node trusts that CA bundle, so `npm ci` inside a build works behind the same
 * TLS-inspecting proxy as the host does. Built once; the tag changes when any input changes.
 */
export async function ensureBaseImage(log: (line: string) => void): Promise<string> {
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
  const tag = `localhost/blog-node-base:${nodeVersion}-${key}`;
  if (await imageExists(tag)) return tag;

  log(`building ${tag} (debootstrap ${DEBIAN_SUITE}, node ${nodeVersion}, npm ${npmVersion})`);
  const workdir = await mkdtemp(path.join(tmpdir(), 'blog-base-'));
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
    const archive = path.join(workdir, 'rootfs.tar');
    await run('tar', ['-C', rootfs, '-cf', archive, '.']);
    await podman(
      'import',
      '--change',
      `ENV NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`,
      '--change',
      'CMD ["node"]',
      archive,
      tag,
    );
    return tag;
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}
