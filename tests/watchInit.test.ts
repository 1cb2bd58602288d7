import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareScenarios, openScenarioText } from '../src/api.js';
import { STARTER } from '../src/cli/commands/init.js';

// The tweak loop (issue 17, item 9): `run --watch` and `init`. The CLI is dist/: build first.
const CLI = 'dist/cli/main.js';
const parley = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

describe('parley init', () => {
  it('writes a commented starter scenario that validates and runs, and never overwrites by accident', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-init-'));
    const file = join(dir, 'mine.yaml');
    expect(parley('init', file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(STARTER);
    expect(STARTER.split('\n').filter((l) => l.includes('#')).length).toBeGreaterThan(20);
    const s = openScenarioText(file, STARTER);
    expect(s.model.parties.map((p) => p.id)).toEqual(['north', 'south']);
    const again = parley('init', file);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists; give another name, or --force to overwrite it');
    expect(parley('init', file, '--force').status).toBe(0);
    expect(parley('validate', file).stdout).toContain('ok (2 parties, 3 issues');
  });
});

/** Resolves once `text` has appeared `times` times in what `read()` returns (polling), or rejects after `ms`. */
function until(read: () => string, text: string, times = 1, ms = 20000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (read().split(text).length - 1 >= times) [clearInterval(poll), resolve()];
      else if (Date.now() - start > ms) [clearInterval(poll), reject(new Error(`no "${text}" x${times} within ${ms} ms:\n${read()}`))];
    }, 50);
  });
}

describe('parley run --watch', () => {
  it('re-runs on each save with the change since the previous run, paired on the same seed; a bad save is reported and skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-watch-'));
    const file = join(dir, 'w.yaml');
    const v1 = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
    const v2 = v1.replace('    discount: 0.97', '    discount: 0.99');
    expect(v2).not.toBe(v1);
    writeFileSync(file, v1);
    const child = spawn(process.execPath, [CLI, 'run', file, '--watch', '-n', '100', '-w', '1', '-s', '5']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    try {
      await until(() => out, 'Watching');
      writeFileSync(file, v2);
      await until(() => out, 'Change since the previous run');
      // The change is the paired comparison of the two versions on seed 5 (computed here by the library).
      const r = compareScenarios([{ label: 'previous', open: openScenarioText(file, v1) }, { label: 'now', open: openScenarioText(file, v2) }], { runs: 100, seed: 5 });
      const d = r.deltas[0].agreementRate!;
      expect(out).toContain(`${d.delta >= 0 ? '+' : ''}${d.delta.toFixed(4)} [${d.ci95[0].toFixed(4)}, ${d.ci95[1].toFixed(4)}]`);
      writeFileSync(file, v2.replace('rounds: 12', 'rounds: twelve'));
      await until(() => err, 'rounds: expected a number, got "twelve"');
      writeFileSync(file, v1);
      await until(() => out, 'Change since the previous run', 2);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
    }
  }, 40000);
});
