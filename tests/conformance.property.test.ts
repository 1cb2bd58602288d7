import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MechanismOutcome } from '../src/core/outcome.js';
import { playMechanism, RunEngine } from '../src/engine/engine.js';
import { MECHANISMS } from '../src/mechanisms/registry.js';
import type { MechanismKind } from '../src/mechanisms/specs.js';
import { mustSign } from '../src/model/consent.js';
import type { Model } from '../src/model/types.js';
import { explainRun } from '../src/api/explain.js';
import { termsOf } from '../src/model/terms.js';
import type { Transcript } from '../src/report/transcriptOf.js';
import { STRATEGIES } from '../src/strategies/registry.js';
import { STRATEGY_SPECS, type StrategyKind } from '../src/strategies/specs.js';
import { scenario } from './helpers.js';

/*
 * Conformance of every registered mechanism × every registered strategy to the definitions the
 * engine rests on, over small generated scenarios, with and without a moving world:
 *
 * 1. Fearon's range. Fearon (1995), "Rationalist explanations for war", IO 49(3), and
 *    ../shared/PRODUCT.md "Time and payoffs" ("Fearon's range (no accepted deal gives a required
 *    party less than its no-deal value)"; "The order within a round": the round pays the deal, or
 *    each party's no-deal flow as it stands after the events). Checked per round: in the round of
 *    agreement, every party whose consent the deal's options need (Model.consent, mustSign) gets
 *    deal utility >= its no-deal flow of that round (a world's flows, or a mediator's levered
 *    flow: what that round would have paid without the deal), taken from the transcript. When
 *    rational players see the world coming (engine/levers.ts), a party's no-deal value is the value
 *    of no deal ever along its own expected path (transcript `noDeal`), not this round's flow.
 * 2. Replays are exact. PRODUCT.md "Time and payoffs" defines a run's value from its draws and
 *    play only, and RunEngine's contract (src/engine/engine.ts) is that "a run depends only on
 *    (model, seed, run index)": a fresh engine, an engine that played other runs before, and
 *    another order of runs all give the same outcome, to the bit.
 * 3. `explain` tells the run `run` played: explainRun (src/montecarlo/explain.ts) "replays run
 *    `runIndex` exactly as `parley run` plays it", so its ending equals playMechanism's (agreed,
 *    round with null for no deal, terms, values and deal utilities exactly, the end reason).
 *
 * The combinations come from the registries themselves (MECHANISMS × STRATEGIES), so a newly
 * registered mechanism or strategy is covered, and the typed tables below (MECHANISM_YAML,
 * PARAMETRIC_FORMS) make the compiler ask for its generator. In each combination party p0 plays
 * the strategy under test and always signs; the other 1–3 parties play any registered strategy.
 * None is skipped:
 * - bayesian players with and without private draws: validation accepts both (without private
 *   draws a bayesian proposer knows everyone and plays the reference equilibrium); the generator
 *   makes about half of the distributions `private: true`.
 * - under the mediator a party's strategy sets only the level at which it signs the text
 *   (StrategyEntry.textLevel; rational, bayesian and reciprocal share the default, its no-deal
 *   flow: "a bargaining strategy signs whatever beats no deal"), and the mediator's own strategy is
 *   unused until an event switches to alternating offers: the moving worlds include such switches
 *   (and back), so every strategy also bargains in mediator scenarios.
 * - noisy replies (temperature > 0, logit) may accept below the flow by design (docs/format.md,
 *   `temperature`): they are generated, and a noisy responder's own acceptance under alternating
 *   offers is left out of check 1 (the mediator's signatories reply sharply whatever their
 *   temperature; checks 2 and 3 cover every party).
 */

/** The values an arbitrary generates. */
type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

// Numbers on a grid of hundredths: fast-check's doubles favour tiny values, which would leave
// reservations near 0 and make the range check nearly vacuous. Half of the integers are drawn
// without fast-check's bias towards the ends of their range (its edge cases are kept in the other half).
const spread = (lo: number, hi: number) => fc.oneof(fc.integer({ min: lo, max: hi }), fc.noBias(fc.integer({ min: lo, max: hi })));
const hundredths = (lo: number, hi: number) => spread(lo, hi).map((v) => v / 100);

/**
 * The parametric `strategy:` forms of each strategy kind (the plain names come from its spec's
 * `names`). A new strategy with parameters adds its forms here; the mapped type asks for an entry.
 */
const PARAMETRIC_FORMS: { [K in StrategyKind]: fc.Arbitrary<string>[] } = {
  rational: [],
  bayesian: [],
  concession: [
    fc
      .record({ exponent: hundredths(10, 600), horizon: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }) })
      .map(({ exponent, horizon }) => `{concession: {exponent: ${exponent}${horizon === undefined ? '' : `, horizon: ${horizon}`}}}`),
  ],
  reciprocal: [hundredths(0, 200).map((rate) => `{reciprocal: {rate: ${rate}}}`)],
};

/** Every form a scenario may write for a strategy kind: its spec's names and its parametric forms. */
function formsOf(kind: StrategyKind): fc.Arbitrary<string> {
  const spec = STRATEGY_SPECS.find((s) => s.kind === kind);
  if (!spec) throw new Error(`strategy ${kind} is registered but has no spec in STRATEGY_SPECS`);
  const names = spec.names.length > 0 ? [fc.constantFrom(...spec.names)] : [];
  const all = [...names, ...PARAMETRIC_FORMS[kind]];
  if (all.length === 0) throw new Error(`strategy ${kind}: add its forms to PARAMETRIC_FORMS`);
  return fc.oneof(...all);
}
const anyForm = fc.oneof(...STRATEGIES.map((e) => formsOf(e.kind)));

/** A number field: a plain number, or a distribution (private: the party's own type, for bayesian players). */
const drawn = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 2, arbitrary: hundredths(lo, hi).map(String) },
    {
      weight: 3,
      arbitrary: fc
        .record({ a: spread(lo, hi), b: spread(lo, hi), tri: fc.boolean(), priv: fc.boolean() })
        .map(({ a, b, tri, priv }) => {
          const [x, y] = [Math.min(a, b) / 100, Math.max(a, b) / 100];
          const dist = tri ? `triangular: [${x}, ${Math.round(((x + y) / 2) * 1000) / 1000}, ${y}]` : `uniform: [${x}, ${y}]`;
          return `{${dist}${priv ? ', private: true' : ''}}`;
        }),
    },
  );

const partyArb = fc.record({
  idealX: hundredths(0, 100),
  idealLevel: fc.integer({ min: 0, max: 2 }),
  wX: hundredths(5, 100),
  wLevel: hundredths(0, 100),
  reservation: drawn(0, 80),
  discount: drawn(50, 99),
  veto: fc.boolean(),
  power: fc.integer({ min: 0, max: 3 }),
  strategy: anyForm,
  // Noisy (quantal-response) replies: most parties reply sharply.
  temperature: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: hundredths(1, 5) }),
  cost: drawn(0, 30),
});
type PartyGen = Of<typeof partyArb>;

const LEVELS = ['low', 'mid', 'high'];

/** One event of a moving world; `who` picks a party by index (mod the party count). */
const eventArb = fc.record({
  kind: fc.constantFrom('shiftFlow', 'setState', 'leave', 'leaveJoin', 'order', 'discount', 'signal', 'switch'),
  who: fc.nat(3),
  delta: hundredths(-30, 30),
  x: hundredths(0, 100),
  level: fc.integer({ min: 0, max: 2 }),
  at: fc.integer({ min: 1, max: 8 }),
  p: fc.oneof(fc.constant(1), hundredths(0, 100)),
  repeat: fc.boolean(),
});
type EventGen = Of<typeof eventArb>;

const worldArb = fc.record({
  nodeal: fc.option(
    fc.record({
      x: fc.oneof(hundredths(0, 100).map(String), fc.constant('{uniform: [0.2, 0.8]}')),
      level: fc.integer({ min: 0, max: 2 }),
      drift: hundredths(-10, 10),
      volatility: hundredths(0, 15),
      costs: fc.boolean(),
    }),
    { nil: undefined },
  ),
  events: fc.array(eventArb, { maxLength: 3 }),
});

const scenarioArb = (focus: StrategyKind) =>
  fc.record({
    focus: formsOf(focus),
    parties: fc.array(partyArb, { minLength: 2, maxLength: 4 }),
    rounds: fc.integer({ min: 1, max: 8 }),
    optionsIssue: fc.boolean(),
    constrained: fc.boolean(),
    /** An options issue's `consent` naming a party (by index) for its top option. */
    consent: fc.option(fc.nat(3), { nil: undefined }),
    world: fc.option(worldArb, { nil: undefined, freq: 2 }),
    // Mechanism settings (each kind reads its own).
    recognition: fc.constantFrom('order', 'proposers', 'power'),
    order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 }),
    proposers: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 4, maxLength: 4 }),
    bias: fc.oneof(hundredths(0, 100).map(String), fc.constant('{uniform: [0, 0.5]}')),
    step: fc.oneof(hundredths(0, 100).map(String), fc.constant('{uniform: [0.1, 0.5]}')),
    leverage: fc.array(fc.option(hundredths(0, 10), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  });
type ScenarioGen = Of<ReturnType<typeof scenarioArb>>;

/** What a mechanism's generator decides before the parties are written: the mediator (a party without a veto), if any. */
interface MechanismYaml {
  /** The party index that mediates (it must not have a veto), or null. */
  mediator(s: ScenarioGen): number | null;
  /** The `mechanism:` block. */
  yaml(s: ScenarioGen, ids: string[], signs: (i: number) => boolean): string;
}

/** Each registered mechanism's generated settings. A new mechanism adds its entry; the mapped type asks for it. */
const MECHANISM_YAML: { [K in MechanismKind]: MechanismYaml } = {
  'alternating-offers': {
    mediator: () => null,
    yaml(s, ids) {
      const n = ids.length;
      if (s.recognition === 'order') {
        const order = s.order.filter((i) => i < n);
        return `mechanism: {kind: alternating-offers, order: [${(order.length ? order : [0]).map((i) => ids[i]).join(', ')}]}`;
      }
      if (s.recognition === 'proposers') return `mechanism: {proposers: {${ids.map((id, i) => `${id}: ${s.proposers[i]}`).join(', ')}}}`;
      return 'mechanism: {kind: alternating-offers}';
    },
  },
  mediator: {
    // The last party keeps the text; the others sign (by veto, or all of them when none has one).
    mediator: (s) => s.parties.length - 1,
    yaml(s, ids, signs) {
      const med = ids.length - 1;
      const leverage = ids.flatMap((id, i) => (i !== med && signs(i) && s.leverage[i] !== undefined ? [`${id}: ${s.leverage[i]}`] : []));
      return `mechanism:
  kind: mediator
  mediator: ${ids[med]}
  bias: ${s.bias}
  step: ${s.step}
  leverage: {${leverage.join(', ')}}`;
    },
  },
};

/** The scenario text of a generated scenario under mechanism `kind`; the focus strategy is party p0's. */
function toYaml(s: ScenarioGen, kind: MechanismKind): string {
  const n = s.parties.length;
  const ids = s.parties.map((_, i) => `p${i}`);
  const gen = MECHANISM_YAML[kind];
  const med = gen.mediator(s);
  const veto = s.parties.map((p, i) => i !== med && p.veto);
  // p0 plays the strategy under test and always signs (its replies, and its texts' acceptance, are by that strategy).
  if (veto.some(Boolean)) veto[0] = true;
  const anyVeto = veto.some(Boolean);
  const signs = (i: number) => i !== med && (veto[i] || !anyVeto);
  const world = s.world;
  const nodeal = world?.nodeal;
  const opt = s.optionsIssue;
  const party = (p: PartyGen, i: number) => {
    const strategy = i === 0 ? s.focus : p.strategy;
    return `  ${ids[i]}:
    ideal: {x: ${p.idealX}${opt ? `, level: ${LEVELS[p.idealLevel]}` : ''}}
    weights: {x: ${p.wX}${opt ? `, level: ${p.wLevel}` : ''}}
${nodeal ? '' : `    reservation: ${p.reservation}\n`}    discount: ${p.discount}
    veto: ${veto[i]}
    power: ${p.power}
    temperature: ${p.temperature}
    strategy: ${strategy}`;
  };
  const consentParty = s.consent === undefined ? null : s.consent % n;
  const consent = opt && consentParty !== null && consentParty !== med ? `, consent: {high: [${ids[consentParty]}]}` : '';
  const lines = [
    'name: conformance',
    `rounds: ${s.rounds}`,
    'issues:',
    '  x: {range: [0, 1], grid: 11}',
    ...(opt ? [`  level: {options: [${LEVELS.join(', ')}]${consent}}`] : []),
    ...(opt && s.constrained ? [`constraints: ['level != "high" or x <= 0.5']`] : []),
    'parties:',
    ...s.parties.map(party),
    gen.yaml(s, ids, signs),
  ];
  if (nodeal) {
    lines.push(
      'nodeal:',
      `  state: {x: ${nodeal.x}${opt ? `, level: ${LEVELS[nodeal.level]}` : ''}}`,
      `  drift: {x: ${nodeal.drift}}`,
      `  volatility: {x: ${nodeal.volatility}}`,
      `  cost: {${nodeal.costs ? s.parties.map((p, i) => `${ids[i]}: ${p.cost}`).join(', ') : ''}}`,
    );
  }
  const events = (world?.events ?? []).flatMap((e, k) => eventYaml(e, k, ids, { nodeal: nodeal !== undefined, opt, mediator: kind === 'mediator' }));
  if (events.length > 0) lines.push('events:', ...events);
  return `${lines.join('\n')}\n`;
}

function eventYaml(e: EventGen, k: number, ids: string[], has: { nodeal: boolean; opt: boolean; mediator: boolean }): string[] {
  const who = ids[e.who % ids.length];
  const head = `  - {id: e${k}, when: "round >= ${e.at}", probability: ${e.p}, repeat: ${e.repeat}, effects: [`;
  const one = (effects: string) => [`${head}${effects}]}`];
  switch (e.kind) {
    case 'shiftFlow':
      return one(has.nodeal ? `{shift: {nodeal.cost.${who}: ${Math.abs(e.delta)}}}` : `{shift: {parties.${who}.reservation: ${e.delta}}}`);
    case 'setState':
      if (!has.nodeal) return one(`{set: {parties.${who}.reservation: ${e.x}}}`);
      return one(has.opt && e.level !== 1 ? `{set: {nodeal.state.level: ${LEVELS[e.level]}}}` : `{set: {nodeal.state.x: ${e.x}}}`);
    case 'leave':
      return one(`{leave: ${who}}`);
    case 'leaveJoin':
      return [`${head}{leave: ${who}}]}`, `  - {id: e${k}back, when: "fired_e${k} == 1 and round >= ${e.at + 2}", effects: [{join: ${who}}]}`];
    case 'order':
      return one(`{order: [${who}${ids.length > 1 ? `, ${ids[(e.who + 1) % ids.length]}` : ''}]}`);
    case 'discount':
      return one(`{shift: {parties.${who}.discount: ${e.delta / 10}}}`);
    case 'signal':
      return one('');
    case 'switch':
      // Under a mediator: it steps back, and may come back two rounds later; elsewhere a proposer change.
      if (!has.mediator) return one(`{proposers: {${who}: 1}}`);
      return [`${head}{mechanism: alternating-offers}]}`, `  - {id: e${k}back, when: "fired_e${k} == 1 and round >= ${e.at + 2}", probability: ${e.p}, effects: [{mechanism: mediator}]}`];
  }
  throw new Error(`unknown event kind ${e.kind satisfies never}`);
}

/** The outcome as plain data (typed arrays as lists), for exact comparison. */
const plain = (o: MechanismOutcome) => JSON.parse(JSON.stringify(o, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
const exact = (o: MechanismOutcome) => ({
  ...o,
  terms: o.terms && Array.from(o.terms),
  dealUtils: o.dealUtils && Array.from(o.dealUtils),
  values: Array.from(o.values),
  ...(o.fired ? { fired: Array.from(o.fired) } : {}),
});

/** The combination of options of a package (mixed radix over the options issues, the last fastest: src/model/outcomeSpace.ts). */
function comboOf(model: Model, values: ArrayLike<number>): number {
  return model.issues.reduce((c, issue) => (issue.kind === 'options' ? c * issue.options.length + values[issue.index] : c), 0);
}

/** What the property saw, so that a combination cannot pass vacuously. */
interface Seen {
  scenarios: number;
  worlds: number;
  deals: number;
  dealsInWorlds: number;
  rangeChecks: number;
  /** Runs without a deal, by how they ended ('window': at the end of the window, talks going on). */
  ends: Record<string, number>;
}

/** Check 1: in the round of agreement every party whose consent the deal needs gets at least that round's no-deal flow. */
function checkRange(model: Model, t: Transcript, out: MechanismOutcome, seen: Seen): void {
  const last = t.rounds[t.rounds.length - 1];
  expect(last.round).toBe(out.round);
  const combo = comboOf(model, out.terms as Float64Array);
  // Under the mediator's text every signatory replies sharply (its acceptance level); under
  // alternating offers a responder with temperature > 0 may accept below its flow by design
  // (docs/format.md "temperature"): its own reply is left out of the range.
  const mediated = model.mediation !== null && last.mediated !== false;
  model.parties.forEach((p, i) => {
    if (!mustSign(model.consent, combo, model.parties.length, i)) return;
    if (!mediated && p.temperature > 0 && last.proposer !== p.id) return;
    // With the world seen coming, the floor is the value of no deal ever along the party's expected path.
    const flow = last.noDeal?.[p.id] ?? last.flows?.[p.id] ?? last.leverage?.find((l) => l.party === p.id)?.flow ?? t.parties[i].noDealFlow;
    expect(out.dealUtils![i], `${p.id}'s deal utility against its no-deal flow in round ${out.round}`).toBeGreaterThanOrEqual(flow - 1e-6);
    seen.rangeChecks++;
  });
}

/** Check 3: explain's ending is the run's ending. */
function checkExplain(model: Model, t: Transcript, out: MechanismOutcome): void {
  const ids = model.parties.map((p) => p.id);
  const byParty = (xs: ArrayLike<number>) => Object.fromEntries(ids.map((id, i) => [id, xs[i]]));
  expect(t.end.agreed).toBe(out.agreed);
  expect(out.round).toBe(out.agreed ? t.end.round : 0);
  expect(t.end.round).toBe(out.agreed ? out.round : null);
  expect(t.end.terms).toEqual(out.terms && termsOf(model.issues, out.terms));
  expect(t.end.values).toEqual(byParty(out.values));
  expect(t.end.dealUtility).toEqual(out.dealUtils && byParty(out.dealUtils));
  expect(t.end.reason).toBe(out.end);
}

/** Check 2: run i replayed on fresh engines, on one engine after other runs, and in another order, is the same outcome. */
function checkReplay(model: Model, seed: number, runs: number[], reference: MechanismOutcome[]): void {
  const want = reference.map(exact);
  const fresh = runs.map((r) => exact(new RunEngine(model).play(seed, r)));
  expect(fresh).toEqual(want);
  // One engine, other runs (another seed) first, then these in reverse order.
  const shared = new RunEngine(model);
  shared.play(seed + 1, runs[runs.length - 1] + 1);
  const backward = [...runs].reverse().map((r) => exact(shared.play(seed, r))).reverse();
  expect(backward).toEqual(want);
  // The same engine again, in order: what it cached from earlier runs changes nothing.
  expect(runs.map((r) => exact(shared.play(seed, r)))).toEqual(want);
  // And to the byte, as written out.
  expect(runs.map((r) => JSON.stringify(plain(new RunEngine(model).play(seed, r))))).toEqual(reference.map((o) => JSON.stringify(plain(o))));
}

// Fixed fast-check seeds keep the file's time and its coverage assertions stable. To search further:
// CONFORMANCE_RUNS=2000 CONFORMANCE_SEED=random npx vitest run tests/conformance.property.test.ts
const RUNS = Number(process.env.CONFORMANCE_RUNS) || 60;
const FC_SEED = process.env.CONFORMANCE_SEED === 'random' ? undefined : Number(process.env.CONFORMANCE_SEED) || 20250700;

/** How the runs without a deal ended, over every combination (so that check 3 compares every end reason). */
const everyEnd: Record<string, number> = {};

/** Plays runs `runs` of the scenario (seed `seed`) and checks 1–3 on them. */
function conforms(yaml: string, kind: MechanismKind, strategy: StrategyKind, s: ScenarioGen, seed: number, runs: number[], seen: Seen): void {
  const { model } = scenario(yaml);
  // The combination is really played: the scenario's mechanism, and p0 (who signs) plays the strategy.
  expect(model.scenario.mechanism.kind).toBe(kind);
  expect(model.parties[0].strategy.kind).toBe(strategy);
  expect(model.parties[0].required).toBe(true);
  expect(model.mediation?.mediator ?? null).toBe(MECHANISM_YAML[kind].mediator(s));
  seen.scenarios++;
  if (model.world) seen.worlds++;
  const outs = runs.map((run) => {
    const out = playMechanism(model, seed, run);
    const t = explainRun(model, seed, run);
    checkExplain(model, t, out);
    if (out.agreed) {
      seen.deals++;
      if (model.world) seen.dealsInWorlds++;
      checkRange(model, t, out, seen);
    } else {
      const why = out.end ?? 'window';
      seen.ends[why] = (seen.ends[why] ?? 0) + 1;
      everyEnd[why] = (everyEnd[why] ?? 0) + 1;
    }
    return out;
  });
  checkReplay(model, seed, runs, outs);
}

describe('conformance: every mechanism × every strategy', () => {
  it('the registries are what the generators cover', () => {
    expect(MECHANISMS.map((m) => m.kind).sort()).toEqual(Object.keys(MECHANISM_YAML).sort());
    expect(STRATEGIES.map((s) => s.kind).sort()).toEqual(Object.keys(PARAMETRIC_FORMS).sort());
  });

  MECHANISMS.forEach((mechanism, mi) => {
    STRATEGIES.forEach((strategy, si) => {
      const kind = mechanism.kind as MechanismKind;
      it(`${kind} × ${strategy.kind}: Fearon's range, exact replays, explain = run`, () => {
        const seen: Seen = { scenarios: 0, worlds: 0, deals: 0, dealsInWorlds: 0, rangeChecks: 0, ends: {} };
        const details = fc.check(
          fc.property(scenarioArb(strategy.kind), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 3, max: 500 }), (s, seed, far) => {
            conforms(toYaml(s, kind), kind, strategy.kind, s, seed, [0, 1, far], seen);
          }),
          { numRuns: RUNS, ...(FC_SEED === undefined ? {} : { seed: FC_SEED + 10 * mi + si }) },
        );
        if (details.failed) {
          // Name the shrunk failing scenario as a file, with its seed and runs, so that it can be replayed (`parley explain`).
          const [s, seed, far] = details.counterexample ?? [];
          const where = s ? `\n--- seed ${seed}, runs 0, 1, ${far} of:\n${toYaml(s, kind)}` : '';
          const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(`${fc.defaultReportMessage(details)}\n${why}${where}`, { cause: details.errorInstance });
        }
        // Not vacuous: deals in static and in moving worlds, whose range was checked.
        expect(seen.deals).toBeGreaterThan(0);
        expect(seen.dealsInWorlds).toBeGreaterThan(0);
        expect(seen.deals - seen.dealsInWorlds).toBeGreaterThan(0);
        expect(seen.rangeChecks).toBeGreaterThan(0);
        if (process.env.CONFORMANCE_STATS) console.log(kind, strategy.kind, JSON.stringify(seen));
      });
    });
  });

  it('the runs without a deal covered every way a run ends (check 3 compares the reason)', () => {
    expect(Object.keys(everyEnd).sort()).toEqual(['noFeasiblePackage', 'walkedAway', 'window']);
  });
});
