import type { Game } from '../core/game.js';
import type { RoundRecord, RunOutcome } from '../core/outcome.js';
import { RunEngine } from '../engine/engine.js';
import { drawParam, isDrawn, modelParams } from '../model/params.js';
import type { Model } from '../model/types.js';
import type { Equilibrium } from '../solvers/equilibrium.js';

/** Everything the engine did in one run, as it did it (report/transcriptOf.ts puts it in words). */
export interface RunRecording {
  g: Game;
  eq: Equilibrium | null;
  out: RunOutcome;
  records: RoundRecord[];
  walkout?: { round: number; events: string[] };
  /** Rounds at whose start a deal in force collapsed (scenarios whose deals can break down). */
  collapses: number[];
  /** Each party's no-deal flow when talks open (a world's flows move during play). */
  flows: Float64Array;
  /** Every parameter drawn for this run, by path. */
  draws: Record<string, number>;
}

/** Plays run `runIndex` on the engine, exactly as `parley run` plays it, recording every round through the engine's hooks. */
export function recordRun(model: Model, seed: number, runIndex: number): RunRecording {
  if (model.scenario.mechanism.kind === 'expected-utility') throw new Error('recordRun plays a bargaining mechanism; this scenario uses mechanism expected-utility');
  const records: RoundRecord[] = [];
  let start!: { g: Game; eq: Equilibrium | null; flows: Float64Array };
  let walkout: RunRecording['walkout'];
  const collapses: number[] = [];
  const out = new RunEngine(model).play(seed, runIndex, {
    round: (r) => records.push(r),
    start: (g, eq, flows) => (start = { g, eq, flows }),
    walkout: (round, events) => (walkout = { round, events }),
    collapse: (round) => collapses.push(round),
  });
  const draws = Object.fromEntries(modelParams(model).filter(isDrawn).map((p) => [p.path, drawParam(p, seed, runIndex)]));
  return { ...start, out, records, draws, collapses, ...(walkout ? { walkout } : {}) };
}
