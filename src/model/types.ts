import type { StrategyDef } from '../strategies/specs.js';
import type { Scenario } from '../scenario/schema.js';
import type { CompiledExpr } from './expr.js';
import type { Tabulated } from './tabulate.js';
import type { PackageSpace } from './outcomeSpace.js';
import type { Param } from './params.js';
import type { WorldDef } from './world.js';
import type { ConsentDef } from './consent.js';
import type { DecisionDef } from './decision.js';

/** A divisible issue on [lo, hi]; `grid` are the search points (offers are refined between them). */
export interface NumericIssueDef {
  kind: 'numeric';
  id: string;
  index: number;
  lo: number;
  hi: number;
  grid: number[];
  /** Largest gap between neighbouring search points: the width of the refinement window. */
  step: number;
}

/** An issue with ordered options; a package holds the option's position. */
export interface OptionsIssueDef {
  kind: 'options';
  id: string;
  index: number;
  options: string[];
}

export type IssueDef = NumericIssueDef | OptionsIssueDef;

/** How one party values one issue (before its salience weight). */
export type IssueUtility =
  | { kind: 'none' }
  | { kind: 'linear'; ideal: Param }
  | { kind: 'expr'; table: Tabulated; text: string }
  | { kind: 'rank'; ideal: number }
  | { kind: 'values'; values: Param[] };

/** A party's strategy and its settings: one of the registered strategies (src/strategies/specs.ts). */
export type { StrategyDef };

export interface PartyDef {
  id: string;
  name: string;
  index: number;
  /** Whether every deal needs the party's consent (its veto); an option can need it too (Model.consent). */
  required: boolean;
  strategy: StrategyDef;
  /** Quantal-response acceptance temperature (0: sharp acceptance). */
  temperature: number;
  reservation: Param;
  /** The outside option's value per round from leaving on (undefined: the party cannot leave by choice). */
  outside?: Param;
  discount: Param;
  power: Param;
  /** Salience per issue (issue order); normalised per run. */
  weights: Param[];
  utilities: IssueUtility[];
}

/** Who proposes in each round: a fixed cycle, or random recognition. */
export type Recognition =
  | { kind: 'order'; order: number[] }
  | { kind: 'random'; weights: number[] | 'power' };

/** The mediator mechanism's settings (see src/mechanisms/mediator/). */
export interface MediationDef {
  /** Index of the mediating party (never a signatory). */
  mediator: number;
  bias: Param;
  step: Param;
  /** Per party (party order): fall of its no-deal flow per rejected round; fixed 0 when not given. */
  leverage: Param[];
}

/** A compiled feasibility constraint. */
export interface ConstraintDef {
  text: string;
  fn: CompiledExpr;
  /** Whether it involves a numeric issue (then it is checked again when offers are refined). */
  numeric: boolean;
}

/** A scenario compiled for play: everything that does not change from run to run. */
export interface Model {
  scenario: Scenario;
  issues: IssueDef[];
  parties: PartyDef[];
  constraints: ConstraintDef[];
  /** The feasible packages. */
  space: PackageSpace;
  /** Who must sign a deal, by combination of options (veto parties and the options' consent). */
  consent: ConsentDef;
  /** Who decides besides the required parties: a quota or weighted votes (null: unanimity of the required parties). */
  decision: DecisionDef | null;
  recognition: Recognition;
  /** The mediator's settings when `mechanism.kind` is mediator, else null. */
  mediation: MediationDef | null;
  /** Whether any parameter that shapes utilities is drawn (then utility tables are built per run). */
  utilityDrawn: boolean;
  /** The moving no-deal state and the events (null when the scenario has neither: the game is stationary). */
  world: WorldDef | null;
  /** Whether any parameter at all is drawn (if not, every run plays the same game). */
  anyDrawn: boolean;
  /** Deals that can break down: each package's per-round chance of collapse (null: deals are final). */
  breakdown: BreakdownDef | null;
}

/** A deal's per-round chance of collapsing back into war, from its terms (raw values; option positions). */
export interface BreakdownDef {
  text: string;
  hazard: (values: Float64Array) => number;
  /** What follows a collapse: back to the table, or war for good at the no-deal flows. */
  after: 'table' | 'war';
  /** What a collapse costs each party (by party index) on the value scale, beyond the war's flows; null when it costs nothing. */
  cost: Float64Array | null;
}
