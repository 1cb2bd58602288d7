import type { Scenario } from '../scenario/schema.js';
import type { PartyDef } from './types.js';

/**
 * A decision rule beyond the consent of the required parties (Model.decision; null: unanimity of the
 * required parties, the default), under alternating offers or a mediator (who does not vote). A quota k is
 * votes of weight 1 with threshold k. A deal passes when every
 * party whose consent it needs accepts and the weights of its yes votes (the proposer's own, the required
 * parties' and the others') sum to at least the threshold.
 */
export interface DecisionDef {
  kind: 'quota' | 'votes';
  /** Each party's vote (quota: 1 each; a mediator and a party away from the table: 0). */
  weight: Float64Array;
  threshold: number;
}

/** Votes within this of the threshold reach it (weights are written as decimals). */
export const VOTE_TOL = 1e-9;

/** The scenario's decision rule, or null for unanimity (no `decision`, or `decision: unanimity`). */
export function compileDecision(s: Scenario, parties: PartyDef[]): DecisionDef | null {
  const m = s.mechanism;
  if ((m.kind !== 'alternating-offers' && m.kind !== 'mediator') || m.decision === undefined || m.decision === 'unanimity') return null;
  const d = m.decision;
  // A mediator drafts the text and does not vote.
  const broker = m.kind === 'mediator' ? m.mediator : null;
  if (d.quota !== undefined) return { kind: 'quota', weight: Float64Array.from(parties, (p) => (p.id === broker ? 0 : 1)), threshold: d.quota };
  const votes = d.votes ?? {};
  return { kind: 'votes', weight: Float64Array.from(parties, (p) => (p.id !== broker && Object.hasOwn(votes, p.id) ? votes[p.id] : 0)), threshold: d.threshold ?? 0 };
}

/** The rule with the parties away from the table (present[i] = 0) voting no more. */
export function seatedDecision(d: DecisionDef, present: Uint8Array): DecisionDef {
  if (present.every((x) => x !== 0)) return d;
  return { ...d, weight: d.weight.map((w, i) => (present[i] === 0 ? 0 : w)) };
}

/** The rule in words: "quota 2 of 3", "votes: 4 of 6". */
export function decisionWords(d: DecisionDef | null, parties: readonly { id: string }[]): string {
  if (!d) return 'unanimity';
  // Of the parties with a vote (a mediator has none).
  if (d.kind === 'quota') return `quota ${d.threshold} of ${d.weight.filter((w) => w > 0).length}`;
  const named = parties.map((p, i) => [p.id, d.weight[i]] as const).filter(([, w]) => w > 0);
  return `weighted votes, threshold ${d.threshold} of ${named.reduce((a, [, w]) => a + w, 0)} (${named.map(([id, w]) => `${id} ${w}`).join(', ')})`;
}
