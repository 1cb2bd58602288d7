import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MECHANISMS } from '../src/mechanisms/registry.js';
import { MECHANISM_SPECS } from '../src/mechanisms/specs.js';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { STRATEGIES } from '../src/strategies/registry.js';
import { STRATEGY_SPECS } from '../src/strategies/specs.js';
import { scenario } from './helpers.js';

// The registries are the one list of what the engine plays; the format, the help and the engine must agree with them.
describe('registries', () => {
  it('every declared strategy and mechanism has a registered implementation, in the same order', () => {
    expect(STRATEGIES.map((s) => s.kind)).toEqual(STRATEGY_SPECS.map((s) => s.kind));
    expect(MECHANISMS.map((m) => m.kind)).toEqual(MECHANISM_SPECS.map((m) => m.kind));
  });

  it('the JSON Schema offers every strategy name and every mechanism kind', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const s of STRATEGY_SPECS) for (const name of s.names) expect(text).toContain(`"${name}"`);
    for (const m of MECHANISM_SPECS) expect(text).toContain(`"${m.kind}"`);
  });

  it('every strategy name compiles to its own kind', () => {
    for (const spec of STRATEGY_SPECS)
      for (const name of spec.names) {
        const { model } = scenario(`
name: t
rounds: 4
issues: {x: {range: [0, 1]}}
parties:
  a: {ideal: {x: 1}, weights: {x: 1}, veto: true, strategy: ${name}}
  b: {ideal: {x: 0}, weights: {x: 1}, veto: true}
`);
        expect(model.parties[0].strategy.kind).toBe(spec.kind);
      }
  });

  it('parley --help lists every registered mechanism and strategy (generated from the declarations)', () => {
    const help = spawnSync(process.execPath, ['dist/cli/main.js', '--help'], { encoding: 'utf8' }).stdout;
    for (const m of MECHANISM_SPECS) expect(help).toContain(`${m.kind} (${m.doc})`);
    for (const s of STRATEGY_SPECS) expect(help).toContain(s.doc);
  });

  it('an unknown strategy name is refused with the list of registered names', () => {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'validate', 'scenarios/default.yaml', '--set', 'parties.us.strategy=stubborn'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('parties.us.strategy: expected one of');
    for (const name of STRATEGY_SPECS.flatMap((s) => s.names)) expect(r.stderr).toContain(`"${name}"`);
  });
});
