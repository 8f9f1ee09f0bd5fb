import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { SERVICES, type ServiceName } from '../../local/src';

export interface ProcessFigures {
  /** Open file descriptors that are sockets: TCP connections and listeners. */
  sockets: number;
  /** Resident memory, in MiB. */
  rssMiB: number;
}

/**
 * The process id of each service the stack started from this process: the children of this
 * process whose command line runs `dist/apps/<service>/main.js`. Linux only (/proc).
 */
export function servicePids(): Record<ServiceName, number> {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => parentOf(pid) === process.pid);
  const pids = SERVICES.map((service) => {
    const bundle = `/apps/${service}/main.js`;
    const pid = children.find((child) => commandLine(child).some((arg) => arg.endsWith(bundle)));
    if (pid === undefined) throw new Error(`no process of ${service} among this one's children`);
    return [service, pid] as const;
  });
  return Object.fromEntries(pids) as Record<ServiceName, number>;
}

export function processFigures(pid: number): ProcessFigures {
  const sockets = readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false; // closed between the listing and the look
    }
  }).length;
  const rssKiB = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return { sockets, rssMiB: rssKiB / 1024 };
}

function parentOf(pid: number): number | undefined {
  try {
    // `pid (command) state ppid ...`: the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}
