import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layering check (.dependency-cruiser.cjs, `npm run lint:layers` in `npm test`) must fail
// on a bad import, or it could pass silently: tests/fixtures/layers/src breaks each rule once
// (hand-written: each file names the rule it breaks) and keeps them in montecarlo/ok.ts.
const ROOT = process.cwd();
const FIXTURE = join(ROOT, 'tests/fixtures/layers');

function cruise(outputType: string) {
  const bin = join(ROOT, 'node_modules/.bin/depcruise');
  return spawnSync(bin, ['src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', outputType], { cwd: FIXTURE, encoding: 'utf8', timeout: 60_000 });
}

describe('the layering check', { timeout: 60_000 }, () => {
  it('fails (non-zero exit) on a tree with bad imports', () => {
    const r = cruise('err');
    expect(r.error).toBeUndefined();
    expect(r.status).not.toBe(0);
  });

  it('names each broken rule, at the import that breaks it, and nothing else', () => {
    const r = cruise('json');
    const found = (JSON.parse(r.stdout).summary.violations as { rule: { name: string }; from: string; to: string }[])
      .map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^(\.\.\/)+node_modules\/([^/]+)\/.*$/, '$2')}`)
      .sort();
    expect(found).toEqual([
      'cli-table3-only-in-report: src/model/table.ts -> cli-table3',
      'commander-only-in-cli: src/report/table.ts -> commander',
      'declarations-are-leaves: src/strategies/x/spec.ts -> src/strategies/s.ts',
      'layers:mechanisms/: src/mechanisms/a/index.ts -> src/strategies/s.ts',
      'layers:model/: src/model/upward.ts -> src/report/table.ts',
      'layers:strategies/: src/strategies/s.ts -> src/mechanisms/b/index.ts',
      'mechanisms-apart: src/mechanisms/a/index.ts -> src/mechanisms/b/index.ts',
      'mechanisms-no-strategies: src/mechanisms/a/index.ts -> src/strategies/s.ts',
      'no-circular: src/stats/p.ts -> src/stats/q.ts',
      'strategies-no-mechanisms: src/strategies/s.ts -> src/mechanisms/b/index.ts',
    ]);
  });
});
