import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { playMechanism, RunEngine } from '../src/engine/engine.js';
import { CHUNK, simulate, simulateRange } from '../src/montecarlo/simulate.js';
import { mergeAggregates, emptyAggregate } from '../src/montecarlo/aggregate.js';
import { scenario } from './helpers.js';
import { readFileSync } from 'node:fs';

// Tests run the built CLI (`npm test` builds first).
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });

// Each test spawns the CLI (start-up ~2 s per process and per worker thread): slow on a loaded machine.
describe('reproducibility', { timeout: 180_000 }, () => {
  it('the same scenario, seed and runs give byte-identical JSON; another seed gives another result', () => {
    const a = parley('run', 'scenarios/default.yaml', '-n', '300', '-s', '5', '-f', 'json');
    const b = parley('run', 'scenarios/default.yaml', '-n', '300', '-s', '5', '-f', 'json');
    const c = parley('run', 'scenarios/default.yaml', '-n', '300', '-s', '6', '-f', 'json');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    const ra = JSON.parse(a.stdout), rc = JSON.parse(c.stdout);
    expect(ra.seed).toBe(5);
    expect(ra.utility.russia.mean).not.toBe(rc.utility.russia.mean);
  });

  it('the JSON is byte-identical for 1, 2 and 3 worker threads', () => {
    // 800 runs = 4 chunks of 250, so 2 and 3 workers really split the work (mixed equilibria included).
    const out = [1, 2, 3].map((w) => parley('run', 'tests/fixtures/static-default.yaml', '-n', '800', '-s', '3', '-w', String(w), '-f', 'json'));
    for (const o of out) expect(o.status).toBe(0);
    expect(out[1].stdout).toBe(out[0].stdout);
    expect(out[2].stdout).toBe(out[0].stdout);
  });

  it('a world whose events switch the mechanism (us-mediates: the US steps back) gives the same JSON for 1 and 2 threads', () => {
    const out = [1, 2].map((w) => parley('run', 'tests/fixtures/mediator-steps-back.yaml', '-n', '600', '-s', '2', '-w', String(w), '-f', 'json'));
    for (const o of out) expect(o.status).toBe(0);
    expect(out[1].stdout).toBe(out[0].stdout);
    expect(JSON.parse(out[0].stdout).events.us_steps_back.fired).toBeGreaterThan(0);
  });

  it('a run depends only on (scenario, seed, run index), not on what ran before it', () => {
    const { model } = scenario(readFileSync('tests/fixtures/uncertain.yaml', 'utf8'));
    const forward = [0, 1, 2, 3, 4].map((r) => playMechanism(model, 9, r));
    const backward = [4, 3, 2, 1, 0].map((r) => playMechanism(model, 9, r)).reverse();
    expect(backward).toEqual(forward);
  });

  it('an engine held across chunks (a thread computing several units of a job) gives what an engine per chunk gives, in any order of chunks', () => {
    // Bayesian players (belief samples and the reference play cached in the engine) and a model without draws (its game solved once).
    for (const file of ['tests/fixtures/private-reservations.yaml', 'tests/fixtures/rubinstein.yaml']) {
      const { model } = scenario(readFileSync(file, 'utf8'));
      const runs = 3 * CHUNK;
      const held = simulate(model, { seed: 4, runs });
      // Chunks backward on one engine, merged in chunk order, against a fresh engine per chunk.
      const engine = new RunEngine(model);
      const backward = [2, 1, 0].map((c) => simulateRange(model, 4, c * CHUNK, (c + 1) * CHUNK, undefined, engine)).reverse();
      const fresh = [0, 1, 2].map((c) => simulateRange(model, 4, c * CHUNK, (c + 1) * CHUNK));
      for (const parts of [backward, fresh]) {
        const total = emptyAggregate(model);
        parts.forEach((p) => mergeAggregates(total, p));
        expect(total).toEqual(held);
      }
    }
  });

  it('outputs carry the version, the scenario hash and the overrides', () => {
    const r = parley('run', 'tests/fixtures/uncertain.yaml', '-n', '50', '-f', 'json', '--set', 'parties.west.discount=0.9', '--set', 'rounds=6');
    const out = JSON.parse(r.stdout);
    expect(out.parley).toMatch(/^\d+\.\d+\.\d+/);
    expect(out.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.scenario.overrides).toEqual({ 'parties.west.discount': 0.9, rounds: 6 });
    expect(out.window.rounds).toBe(6);
    expect(out.seed).toBe(1); // the scenario's default seed is printed, never picked silently
  });
});
