import { closingLine, TestCountCollector } from './test-counts';

function collect(lines: string[]): TestCountCollector {
  const collector = new TestCountCollector();
  for (const line of lines) collector.addLine(line);
  return collector;
}

describe('TestCountCollector', () => {
  it("adds up jest's summaries across Nx tasks", () => {
    const collector = collect([
      '> nx run posts:test',
      'Tests:       38 passed, 38 total',
      '> nx run comments:test  [local cache]',
      'Tests:       1 failed, 2 skipped, 1 todo, 30 passed, 34 total',
    ]);
    expect(collector.counts).toEqual({ passed: 68, failed: 1, skipped: 3 });
  });

  it('reads summaries in colour', () => {
    const collector = collect([
      '> nx run posts:test',
      '\u001b[1mTests:       \u001b[22m\u001b[1m\u001b[32m12 passed\u001b[39m, 12 total',
    ]);
    expect(collector.counts).toEqual({ passed: 12, failed: 0, skipped: 0 });
  });

  it("counts a task's own summary, not that of a jest run inside one of its tests", () => {
    const collector = collect([
      '> nx run e2e:test',
      'Tests:       1 failed, 9 passed, 10 total',
      'Tests:       2 failed, 5 passed, 7 total',
    ]);
    expect(collector.counts).toEqual({ passed: 5, failed: 2, skipped: 0 });
  });

  it('ignores every other line, the suite counts included', () => {
    const collector = collect([
      '> nx run posts:test',
      'Test Suites: 1 failed, 4 passed, 5 total',
      '    ✓ answers GET /posts with 5 passed tests (3 ms)',
      closingLine({ passed: 3, failed: 0, skipped: 0 }),
    ]);
    expect(collector.counts).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});

describe('closingLine', () => {
  it('is the plain line CI reads', () => {
    expect(closingLine({ passed: 120, failed: 2, skipped: 14 })).toBe(
      'Tests: 120 passed, 2 failed, 14 skipped',
    );
  });
});
