/** What jest's summaries added up to over every project of the run. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

// eslint-disable-next-line no-control-regex -- matching terminal colour codes is the point
const ANSI_CODES = /\u001b\[[0-9;]*m/g;

/**
 * Adds up jest's `Tests: 1 failed, 2 skipped, 30 passed, 33 total` lines, one per Nx task (Nx
 * prints each task's output under a `> nx run <project>:<target>` header, also when replaying it
 * from its cache), so the run can end with one total. Within a task the last summary counts:
 * a suite that runs jest itself prints the inner summary before its own.
 */
export class TestCountCollector {
  private readonly byTask = new Map<string, TestCounts>();
  private task = '';

  addLine(line: string): void {
    const plain = line.replace(ANSI_CODES, '');
    const header = /^> nx run (\S+)/.exec(plain)?.[1];
    if (header) this.task = header;
    const summary = /\bTests:\s+(.*\d+ total)/.exec(plain)?.[1];
    if (summary) this.byTask.set(this.task, parseSummary(summary));
  }

  get counts(): TestCounts {
    const total: TestCounts = { passed: 0, failed: 0, skipped: 0 };
    for (const counts of this.byTask.values()) {
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
    }
    return total;
  }
}

function parseSummary(summary: string): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const [, count, kind] of summary.matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
    counts[kind === 'todo' ? 'skipped' : (kind as keyof TestCounts)] += Number(count);
  }
  return counts;
}

/** The closing line CI reads: `Tests: 120 passed, 0 failed, 14 skipped`. */
export function closingLine({ passed, failed, skipped }: TestCounts): string {
  return `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}
