import { noDealOption } from '../scenario/consentRules.js';
import { isNumericIssue, type Scenario } from '../scenario/schema.js';
import type { PackageSpace } from './outcomeSpace.js';
import type { IssueDef, Model, PartyDef } from './types.js';

/**
 * Who must consent to a deal, by combination of options (see
 * PackageSpace.combo): the parties with a party-wide veto (PartyDef.required)
 * and those whose consent an option in the combination needs (an options
 * issue's `consent`). It depends on the options only, so it is built once
 * per scenario: required[c * n + i] is 1 when party i must sign a deal with
 * combination c.
 */
export interface ConsentDef {
  required: Uint8Array;
  /** Per party: 1 when some combination needs its consent. */
  ever: Uint8Array;
  /** Whether some combination needs a party the party-wide veto does not (if not, the old party-wide meaning holds everywhere). */
  varies: boolean;
  /**
   * A coalition's view under a decision rule (core/coalitions.ts): per combination, 1 when the coalition
   * cannot carry a deal with it (its votes fall short of the threshold). Such a combination's row of
   * `required` holds 2s, so that none of its packages prunes another's from the Pareto frontier
   * (model/pareto.ts compares the rows). Undefined: every combination can pass.
   */
  blocked?: Uint8Array;
}

/** Per option of an options issue: the indices of the parties its `consent` names ([] for a numeric issue). */
export function consentByOption(s: Scenario, issue: IssueDef, parties: PartyDef[]): number[][] {
  if (issue.kind !== 'options') return [];
  const spec = s.issues[issue.id];
  const c = isNumericIssue(spec) ? undefined : spec.consent;
  const index = (ids: string[]) => ids.map((id) => parties.findIndex((p) => p.id === id)).filter((i) => i >= 0);
  if (c === undefined) return issue.options.map(() => []);
  if (Array.isArray(c)) {
    const stay = noDealOption(s, issue.id);
    return issue.options.map((o) => (o === stay ? [] : index(c)));
  }
  return issue.options.map((o) => index(c[o] ?? []));
}

/** The consent mask of every combination of options. */
export function compileConsent(s: Scenario, issues: IssueDef[], parties: PartyDef[], space: Pick<PackageSpace, 'comboCount'>): ConsentDef {
  const n = parties.length;
  const { comboCount } = space;
  const required = new Uint8Array(comboCount * n);
  const byIssue = issues.filter((i) => i.kind === 'options').map((i) => ({ size: (i as { options: string[] }).options.length, who: consentByOption(s, i, parties) }));
  let varies = false;
  for (let c = 0; c < comboCount; c++) {
    for (let i = 0; i < n; i++) required[c * n + i] = parties[i].required ? 1 : 0;
    // The combination's index is mixed-radix over the options issues, the last issue fastest (outcomeSpace.ts).
    let rest = c;
    for (let k = byIssue.length - 1; k >= 0; k--) {
      const pos = rest % byIssue[k].size;
      rest = Math.floor(rest / byIssue[k].size);
      for (const i of byIssue[k].who[pos] ?? []) {
        if (required[c * n + i] === 0) varies = true;
        required[c * n + i] = 1;
      }
    }
  }
  const ever = Uint8Array.from(parties, (_, i) => (required.some((r, x) => r !== 0 && x % n === i) ? 1 : 0));
  return { required, ever, varies };
}

/** Whether party i must sign a deal with combination `combo`. */
export function mustSign(consent: ConsentDef, combo: number, n: number, i: number): boolean {
  return consent.required[combo * n + i] !== 0;
}

const seated = new WeakMap<PackageSpace, Map<string, PackageSpace>>();

/**
 * The model as it stands when some parties have left the table: a party that
 * is away cannot consent, so the packages whose combination needs it are off
 * the table (a party-wide veto holder leaving ends the talks instead: walked
 * away). The combinations keep their numbers. Unchanged when no one away is asked.
 */
export function withoutAbsentConsent(model: Model, present: Uint8Array): Model {
  const { consent, space } = model;
  const n = model.parties.length;
  const away = model.parties.filter((p, i) => present[i] === 0 && consent.ever[i] !== 0).map((p) => p.index);
  if (away.length === 0) return model;
  const key = away.join(',');
  let bySet = seated.get(space);
  if (!bySet) seated.set(space, (bySet = new Map()));
  let kept = bySet.get(key);
  if (!kept) {
    const K = model.issues.length;
    const keep: number[] = [];
    for (let p = 0; p < space.count; p++) if (away.every((i) => consent.required[space.combo[p] * n + i] === 0)) keep.push(p);
    const pick = <T extends Float64Array | Int32Array>(a: T, width: number): T => {
      const out = new (a.constructor as new (len: number) => T)(keep.length * width);
      keep.forEach((p, r) => out.set(a.subarray(p * width, p * width + width), r * width));
      return out;
    };
    kept = { ...space, packages: pick(space.packages, K), axisIndex: pick(space.axisIndex, K), combo: pick(space.combo, 1), count: keep.length };
    bySet.set(key, kept);
  }
  return { ...model, space: kept };
}
