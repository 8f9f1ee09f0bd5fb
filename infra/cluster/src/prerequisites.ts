import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's packages the cluster runs on (install-packages.sh), and Go to build the rest. */
const COMMANDS = [
  'containerd',
  'dockerd',
  'docker-registry',
  'etcd',
  'runc',
  'iptables',
  'ipset',
  'nft',
  'conntrack',
  'debootstrap',
  'gcc',
  'go',
];

/** What this machine lacks to run the cluster: root, Linux, or one of COMMANDS. */
export async function missingPrerequisites(): Promise<string[]> {
  if (process.platform !== 'linux') return ['Linux'];
  const missing = process.getuid?.() === 0 ? [] : ['root'];
  for (const command of COMMANDS) {
    try {
      await run('sh', ['-c', `command -v ${command}`]);
    } catch {
      missing.push(command);
    }
  }
  return missing;
}
