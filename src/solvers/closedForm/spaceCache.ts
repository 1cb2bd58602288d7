import type { Game } from '../../core/game.js';

/** A single-peaked table's first maximum and its level guide (curve.ts `guideOf`). */
export interface TableShape {
  top: number;
  rise: Int32Array;
  fall: Int32Array;
}

/**
 * What the closed form keeps per package space, shared by every run's game on it (and by the
 * model's copies): built once, owned by the space's shared record (core/game.ts `SpaceShared`),
 * so it lives exactly as long as the model does and no run makes garbage for it.
 */
export interface SpaceCache {
  /** The feasible combinations of options, ascending (a closed form's slots index them). */
  combos: Int32Array;
  /** A package with each combination. */
  rep: Int32Array;
  /**
   * Each tabulated utility's shape by its table (null: not single-peaked), found once per table, not
   * once per run's closed form. A table is the scenario's (tabulated when it is compiled), so the
   * keys are few and live as long as the model.
   */
  shapes: Map<Float64Array, TableShape | null>;
}

/** The solvers' cache for the game's package space: the one accessor of its opaque slot. */
export function spaceCacheOf(g: Game): SpaceCache {
  const shared = g.spaceShared;
  if (shared.solverCache === undefined) shared.solverCache = { ...combosOf(g.model.space), shapes: new Map() };
  return shared.solverCache as SpaceCache;
}

/** The feasible combinations of options and the first package of each. */
function combosOf(space: Game['model']['space']): { combos: Int32Array; rep: Int32Array } {
  const seen = new Int32Array(space.comboCount).fill(-1);
  for (let p = 0; p < space.count; p++) if (seen[space.combo[p]] < 0) seen[space.combo[p]] = p;
  const C = seen.reduce((m, p) => m + (p >= 0 ? 1 : 0), 0);
  const combos = new Int32Array(C);
  const rep = new Int32Array(C);
  let s = 0;
  for (let c = 0; c < space.comboCount; c++)
    if (seen[c] >= 0) {
      combos[s] = c;
      rep[s++] = seen[c];
    }
  return { combos, rep };
}
