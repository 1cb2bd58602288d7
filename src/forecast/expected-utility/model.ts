import { isDrawn, param, type Param } from '../../model/params.js';
import type { Model, NumericIssueDef } from '../../model/types.js';
import { expectedUtilityIssue } from '../../scenario/mechanismRules.js';
import type { ExpectedUtilitySpec } from '../../scenario/schema.js';

/** Salience: an explicit `mechanism.salience` number, or the party's normalised weight on the issue. */
export type SalienceDef = { kind: 'explicit'; value: Param } | { kind: 'weight'; weights: Param[]; issue: number };

export interface EuPartyDef {
  id: string;
  /** The party's ideal on the issue: its starting position. */
  position: Param;
  /** `power`. */
  capability: Param;
  salience: SalienceDef;
}

/** The expected-utility model of a scenario: everything that does not change from run to run. */
export interface EuModel {
  issue: NumericIssueDef;
  parties: EuPartyDef[];
  rounds: number;
  /** A fixed exponent per party, or computed each round from the security levels. */
  risk: Float64Array | 'endogenous';
  q: number;
  t: number;
  /** Whether any of its numbers is drawn (if not, one run is exact). */
  drawn: boolean;
}

/** The expected-utility model of a compiled scenario, or null when its mechanism is another kind. */
export function expectedUtilityModel(model: Model): EuModel | null {
  const s = model.scenario;
  const m = s.mechanism;
  if (m.kind !== 'expected-utility') return null;
  const found = expectedUtilityIssue(s);
  // Validation has already refused a scenario without a numeric issue for the model.
  if ('message' in found) throw new Error(`invariant: ${found.message}`);
  const issue = model.issues.find((i) => i.id === found.id) as NumericIssueDef;
  const parties = model.parties.map((p): EuPartyDef => {
    const ideal = s.parties[p.id].ideal[issue.id] as Exclude<(typeof s.parties)[string]['ideal'][string], string>;
    const explicit = m.salience[p.id];
    return {
      id: p.id,
      position: param(`parties.${p.id}.ideal.${issue.id}`, ideal, { min: issue.lo, max: issue.hi }),
      capability: p.power,
      salience:
        explicit === undefined
          ? { kind: 'weight', weights: p.weights, issue: issue.index }
          : { kind: 'explicit', value: param(`mechanism.salience.${p.id}`, explicit, { min: 0, max: 1 }) },
    };
  });
  const drawn = parties.some((p) => isDrawn(p.position) || isDrawn(p.capability) || (p.salience.kind === 'explicit' ? isDrawn(p.salience.value) : p.salience.weights.some(isDrawn)));
  return { issue, parties, rounds: m.rounds, risk: riskOf(m, parties), q: m.q, t: m.t, drawn };
}

function riskOf(m: ExpectedUtilitySpec, parties: EuPartyDef[]): EuModel['risk'] {
  const r = m.risk;
  if (r === 'endogenous') return r;
  return Float64Array.from(parties, (p) => (typeof r === 'number' ? r : (r[p.id] ?? 1)));
}
