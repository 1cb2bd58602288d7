import type { ConsentDef } from '../model/consent.js';
import { VOTE_TOL, type DecisionDef } from '../model/decision.js';
import { coalitionGame, type Game } from './game.js';
import type { Played } from './mechanism.js';
import { accepted } from './outcome.js';

/**
 * Decision rules (Model.decision): who must accept for a deal to pass, and the coalitions a proposer can
 * buy. Under unanimity (no rule) nothing here is used and play is as it always was.
 */

/** A winning coalition of one proposer: the parties it buys beyond those whose consent a deal needs, and the game as they see it. */
export interface Coalition {
  /** The bought parties (ascending); the required parties of each combination come on top. */
  members: readonly number[];
  /** The game with the members required and the combinations they cannot carry blocked (solvers read it as under unanimity). */
  game: Game;
}

/** Whether party i is asked to reply to an offer with combination `combo` from proposer j: its consent is needed, or its vote counts. */
export function asked(g: Game, combo: number, i: number, j: number): boolean {
  if (i === j) return false;
  if (g.model.consent.required[combo * g.n + i] !== 0) return true;
  const d = g.model.decision;
  return d !== null && d.weight[i] > 0;
}

/** The yes votes of a played round: the proposer's own (it offered) and each acceptance, by weight. */
export function yesVotes(d: DecisionDef, played: Pick<Played, 'proposer' | 'replies'>): number {
  let sum = 0;
  played.replies.forEach((r, i) => {
    if (r === true || i === played.proposer) sum += d.weight[i];
  });
  return sum;
}

/**
 * Whether a round's offer carried: every party whose consent it needs accepted and, under a decision rule,
 * the yes votes reach the threshold (unanimity: `accepted`, as without a rule).
 */
export function carried(g: Game, played: Played): played is Played & { offer: NonNullable<Played['offer']> } {
  const { offer, replies } = played;
  const d = g.model.decision;
  if (d === null) return accepted(offer, replies);
  if (offer === null) return false;
  const req = g.model.consent.required;
  for (let i = 0; i < g.n; i++) if (replies[i] === false && req[offer.combo * g.n + i] !== 0) return false;
  return yesVotes(d, played) >= d.threshold - VOTE_TOL;
}

/**
 * Proposer j's winning coalitions (j = −1: none, the range check's, where every member's vote counts): for
 * each set of required parties some combination needs, every minimal set of other voters whose votes, with
 * the proposer's and the required parties', reach the threshold; listed by size, then by their members'
 * indices. Made once per game.
 */
export function coalitionsOf(g: Game, j: number): readonly Coalition[] {
  const d = g.model.decision;
  if (d === null) throw new Error('invariant: coalitions are asked for under a decision rule only');
  const cache = (g.coalitions ??= new Map());
  let found = cache.get(j + 1) as Coalition[] | undefined;
  if (!found) cache.set(j + 1, (found = minimalSets(g, d, j).map((members) => ({ members, game: coalitionGame(g, consentOf(g, d, j, members)) }))));
  return found;
}

/** Every minimal winning set of bought voters for proposer j, over the distinct required sets of the combinations (see coalitionsOf). */
function minimalSets(g: Game, d: DecisionDef, j: number): number[][] {
  const { n } = g;
  const { required } = g.model.consent;
  const comboCount = g.model.space.comboCount;
  const t = d.threshold - VOTE_TOL;
  const seenRows = new Set<string>();
  const sets = new Map<string, number[]>();
  for (let c = 0; c < comboCount; c++) {
    const row = required.subarray(c * n, c * n + n);
    const rowKey = row.join('');
    if (seenRows.has(rowKey)) continue;
    seenRows.add(rowKey);
    let base = j >= 0 ? d.weight[j] : 0;
    const optional: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === j) continue;
      if (row[i] !== 0) base += d.weight[i];
      else if (d.weight[i] > 0) optional.push(i);
    }
    // Depth first in index order; a branch stops once its votes reach the threshold, or when the rest cannot.
    const rest = new Float64Array(optional.length + 1);
    for (let k = optional.length - 1; k >= 0; k--) rest[k] = rest[k + 1] + d.weight[optional[k]];
    const pick: number[] = [];
    const walk = (from: number, sum: number) => {
      if (sum >= t) {
        if (pick.every((m) => sum - d.weight[m] < t)) sets.set(pick.join(','), [...pick]);
        return;
      }
      if (sum + rest[from] < t) return;
      for (let k = from; k < optional.length; k++) {
        pick.push(optional[k]);
        walk(k + 1, sum + d.weight[optional[k]]);
        pick.pop();
      }
    };
    walk(0, base);
  }
  return [...sets.values()].sort((a, b) => a.length - b.length || compareLists(a, b));
}

function compareLists(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/** Who must sign under coalition `members` of proposer j: each combination's required parties and the members; 2s where the votes fall short. */
function consentOf(g: Game, d: DecisionDef, j: number, members: readonly number[]): ConsentDef {
  const { n } = g;
  const base = g.model.consent;
  const comboCount = g.model.space.comboCount;
  const required = Uint8Array.from(base.required);
  const blocked = new Uint8Array(comboCount);
  for (let c = 0; c < comboCount; c++) {
    for (const m of members) required[c * n + m] = 1;
    let votes = 0;
    for (let i = 0; i < n; i++) if (i === j || required[c * n + i] !== 0) votes += d.weight[i];
    if (votes < d.threshold - VOTE_TOL) {
      blocked[c] = 1;
      required.fill(2, c * n, c * n + n);
    }
  }
  const ever = Uint8Array.from({ length: n }, (_, i) => (base.ever[i] !== 0 || members.includes(i) ? 1 : 0));
  return { required, ever, varies: true, blocked };
}

/** The winning coalition of a round that carried: bit i set when party i voted for it (the proposer included; a mediator, who does not vote, not). */
export function coalitionMask(played: Pick<Played, 'proposer' | 'replies' | 'mediated'>): number {
  let mask = 0;
  played.replies.forEach((r, i) => {
    if (r === true || (i === played.proposer && !played.mediated)) mask |= 1 << i;
  });
  return mask;
}

/** The parties of a coalition mask, in party order. */
export const membersOf = (mask: number, n: number): number[] => Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1);
