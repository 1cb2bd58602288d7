import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawOnce, drawParam, isDrawn, modelParams } from '../src/model/params.js';
import { drawRunParams } from '../src/model/runParams.js';
import { RunEngine } from '../src/engine/engine.js';
import { RunStreams } from '../src/rng/runStreams.js';
import { scenario } from './helpers.js';

// A run's draws are made once and shared (RunStreams.draws): the game, the moving world and the bayesian
// beliefs read the same numbers the run's own streams give, whoever asks first.
const privateLimits = scenario(readFileSync('scenarios/private-limits.yaml', 'utf8')).model;
const drawn = modelParams(privateLimits).filter(isDrawn);

describe("a run's draws, made once", () => {
  it('drawOnce gives drawParam\'s number, remembers it by path, and reads it back without drawing again', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(5), (runIndex, seed) => {
        const run = { seed, runIndex, draws: new Map<string, number>() };
        for (const p of drawn) expect(drawOnce(p, run)).toBe(drawParam(p, seed, runIndex));
        expect([...run.draws.keys()]).toEqual(drawn.map((p) => p.path));
        // A number put in the map is what is read: nothing is drawn a second time.
        for (const p of drawn) run.draws.set(p.path, -1);
        expect(drawn.every((p) => drawOnce(p, run) === -1)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('the run parameters drawn through a shared map are the ones drawn alone', () => {
    for (let r = 0; r < 20; r++) expect(drawRunParams(privateLimits, 1, r, new Map())).toEqual(drawRunParams(privateLimits, 1, r));
  });

  it('the game and the bayesian beliefs of a run read the same draws: a number put in the run\'s map is what both see', () => {
    // A static world with public draws (each run's beliefs are built from them) and private reservations.
    const model = scenario(readFileSync('tests/fixtures/private-reservations.yaml', 'utf8')).model;
    const us = model.parties.findIndex((p) => p.id === 'us');
    const path = model.parties[us].discount.path;
    for (let r = 0; r < 3; r++) {
      const streams = new RunStreams(1, r);
      const { g, prepared } = new RunEngine(model).staticStart(streams, true);
      // Every drawn parameter was drawn once into the run's map, with its own stream's number.
      const paths = modelParams(model).filter(isDrawn).map((p) => p.path);
      expect([...streams.draws.keys()].sort()).toEqual([...paths].sort());
      for (const p of modelParams(model).filter(isDrawn)) expect(streams.draws.get(p.path)).toBe(drawParam(p, 1, r));
      const world = [...(prepared?.byStrategy.values() ?? [])][0] as { ref: { g: { rp: { discount: Float64Array } } } };
      expect(world.ref.g.rp.discount[us]).toBe(g.rp.discount[us]);
      // A value already in the map is read by both, not drawn again.
      const seeded = new RunStreams(1, r);
      seeded.draws.set(path, 0.5);
      const again = new RunEngine(model).staticStart(seeded, true);
      const seen = [...(again.prepared?.byStrategy.values() ?? [])][0] as typeof world;
      expect([again.g.rp.discount[us], seen.ref.g.rp.discount[us]]).toEqual([0.5, 0.5]);
    }
  });
});
