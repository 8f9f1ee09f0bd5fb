import { cpus, loadavg, totalmem } from 'node:os';

/** What the figures were measured on; they mean little without it. */
export function machineFacts(): string[] {
  const cores = cpus();
  return [
    `date:    ${new Date().toISOString()}`,
    `command: ${['npm run bench', ...process.argv.slice(2)].join(' ')}`,
    `machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, load average ${loadavg()[0]?.toFixed(2)} at the start`,
    `node:    ${process.version}`,
  ];
}
