import { SERVICES } from '../../local/src';
import type { OutageFigures } from './bus-outage';
import { ms, percentile } from './stats';
import type { LoadFigures } from './sustained-load';
import { table } from './table';
import type { WatchedWrites } from './write-and-watch';
import type { ThroughputFigures } from './write-throughput';

export interface ModeFigures {
  mode: string;
  throughput: ThroughputFigures;
  visibility: WatchedWrites;
  sustained: LoadFigures;
  outage: OutageFigures;
}

const refusedText = (refused: Record<string, number>) => {
  const entries = Object.entries(refused);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return total === 0 ? '0' : `${total} (${entries.map(([why, n]) => `${n}× ${why}`).join(', ')})`;
};

export function throughputTable(
  reference: ThroughputFigures,
  modes: { mode: string; throughput: ThroughputFigures }[],
): string {
  const row = (name: string, figures: ThroughputFigures) => [
    name,
    Math.round(figures.requestsPerSecond).toLocaleString('en-US'),
    ms(figures.p50Ms),
    ms(figures.p99Ms),
    String(figures.non2xx),
    String(figures.errors),
    `${Math.round((100 * figures.requestsPerSecond) / reference.requestsPerSecond)} %`,
  ];
  return table(
    ['server', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'of hello-world'],
    [
      row('express hello-world', reference),
      ...modes.map(({ mode, throughput }) => row(`posts, ${mode}`, throughput)),
    ],
  );
}

export function visibilityTable(modes: ModeFigures[]): string {
  return table(
    ['storage', 'accepted / sent', 'refused', 'p50', 'p95', 'p99', 'max', 'never visible'],
    modes.map(({ mode, visibility }) => {
      const { sent, refused, visibleAfterMs: times, neverVisible } = visibility;
      return [
        mode,
        `${times.length + neverVisible} / ${sent}`,
        refusedText(refused),
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.95)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1)),
        String(neverVisible),
      ];
    }),
  );
}

export function outageTable(modes: ModeFigures[]): string {
  return table(
    ['storage', 'crashed', 'refused writes', 'accepted', 'missing in query', 'bus ready again'],
    modes.map(({ mode, outage }) => [
      mode,
      outage.crashed.length === 0 ? 'nothing' : outage.crashed.join('; '),
      refusedText(outage.refused),
      String(outage.visibleAfterMs.length + outage.neverVisible),
      String(outage.neverVisible),
      `${ms(outage.busBackAfterMs)} after its start`,
    ]),
  );
}

export function sustainedTable(modes: ModeFigures[]): string {
  const rows = modes.flatMap(({ mode, sustained }) =>
    SERVICES.map((service) => {
      const before = sustained.before[service];
      const after = sustained.after[service];
      return [
        mode,
        service,
        `${before.sockets} -> ${after.sockets}`,
        `${before.rssMiB.toFixed(0)} -> ${after.rssMiB.toFixed(0)} MiB`,
      ];
    }),
  );
  return table(['storage', 'service', 'open sockets', 'RSS'], rows);
}

export function sustainedSummary(modes: ModeFigures[]): string[] {
  return modes.map(
    ({ mode, sustained }) =>
      `${mode}: ${sustained.writes} writes, refused ${refusedText(sustained.refused)}, ` +
      `every event delivered before the second count: ${sustained.settled ? 'yes' : 'NO'}`,
  );
}
