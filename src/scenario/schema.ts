import { z } from './zod.js';
import { numberOrDistribution } from './numbers.js';
import { id, slug } from './ids.js';
import { STRATEGY_SPECS } from '../strategies/specs.js';
import { MECHANISM_SPECS } from '../mechanisms/specs.js';
import { expectedUtilitySpec } from '../forecast/expected-utility/spec.js';
import { eventsSchema, nodealSchema } from './worldSchema.js';
import { withoutPrototypes } from './maps.js';
import { show } from './problems.js';

/**
 * The scenario format: one zod schema gives the TypeScript type, the validator
 * and (through `parley schema`) the JSON Schema. Cross-field rules (an ideal
 * inside its issue's range, weights naming known issues, ...) live in
 * `semantic.ts`, because they need the whole document.
 */

/** A real calendar day written YYYY-MM-DD, or "unknown" (a report with no date). */
const dateOrUnknown = z.string().refine((s) => s === 'unknown' || isCalendarDate(s), {
  error: (iss) => `expected a date YYYY-MM-DD or "unknown", got ${show(iss.input)}`,
});

const grade = z.enum(['high', 'medium', 'low', 'very-low']);

/**
 * A claim graded on its own: within one report a quoted statement, the author's own background and a
 * second-hand "reportedly" item are not equally trustworthy.
 */
const gradedClaim = z.strictObject({
  claim: z.string().meta({ description: 'the claim, with its hedges and attributions as the report writes them' }),
  kind: z.enum(['quote', 'author', 'reported']).meta({
    description: "quote: words the report quotes from a named person; author: the author's own statement or background; reported: second-hand (reportedly, according to, via another outlet or unnamed sources)",
  }),
  grade: grade.optional().meta({ description: "this claim's grade (default: the source's)" }),
  flag: z.string().min(1).optional().meta({ description: 'why a ledger flag on this claim stands' }),
});

const source = z.strictObject({
  id: id.optional().meta({ description: 'short handle other fields (and provenance) can cite' }),
  outlet: z.string().meta({ description: 'who published it (or "unknown")' }),
  date: dateOrUnknown.optional().meta({ description: 'publication date, YYYY-MM-DD, or "unknown"' }),
  events: z
    .union([dateOrUnknown, z.tuple([dateOrUnknown, dateOrUnknown])], { error: 'expected a date YYYY-MM-DD, [from, to] or "unknown"' })
    .optional()
    .meta({ description: 'when the events the source reports took place: a date YYYY-MM-DD, [from, to], or "unknown"' }),
  headline: z.string().meta({ description: 'the headline as printed (or "unknown")' }),
  url: z.string().optional().meta({ description: 'where the report can be read' }),
  file: z.string().optional().meta({ description: 'the report text this scenario was derived from' }),
  grade: grade.optional().meta({ description: 'reliability grade: high, medium, low or very-low (the reason goes in reliability)' }),
  reliability: z.string().optional().meta({ description: 'how far the report can be trusted, in words: the reason for its grade' }),
  claims: z
    .array(z.union([z.string(), gradedClaim], { error: 'expected a claim: a sentence, or {claim: "...", kind: quote|author|reported, grade: ...}' }))
    .default([])
    .meta({ description: 'the claims of the report this scenario models (provenance cites them verbatim), each a sentence or a claim graded on its own' }),
});

/** The text of a source's claim, written plainly or graded. */
export const claimText = (c: string | { claim: string }): string => (typeof c === 'string' ? c : c.claim);

const citation = z.strictObject({
  source: id.meta({ description: 'the id of a source' }),
  claim: z.string().meta({ description: "one of that source's claims, verbatim" }),
  flag: z.string().min(1).optional().meta({ description: 'why a ledger flag on this citation stands (the claim motivates the field without setting its value)' }),
});
const assumption = z.strictObject({ assumption: z.string().min(1).meta({ description: 'why this value is assumed (no source says it)' }) });
const judgement = z.strictObject({ judgement: z.string().min(1).meta({ description: "the analyst's reasoning from the sources to this value" }) });
const basis = z.union([citation, assumption, judgement], {
  error: 'expected {source: <source id>, claim: "..."}, {assumption: "why"} or {judgement: "why"}',
});

const provenance = z
  .record(z.string(), z.union([basis, z.array(basis).min(1)], { error: 'expected a basis ({source, claim}, {assumption}, {judgement}) or a list of them' }))
  .meta({
    description:
      'the basis of each field, by its dotted path (as --set writes it, e.g. parties.russia.reservation): {source, claim}, {assumption}, {judgement}, or a list of them; a path covers the fields under it unless they have their own entry',
  });

/** A real calendar day written YYYY-MM-DD (no 2025-02-30). */
function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `18/08/2025` → ` (write 2025-08-18)` when the day cannot be the month; empty otherwise. */
function dateHint(input: unknown): string {
  const m = typeof input === 'string' ? /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(input.trim()) : null;
  if (!m) return '';
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [day, month] = a > 12 ? [a, b] : b > 12 ? [b, a] : [0, 0];
  if (day === 0) return ` (write year-month-day, e.g. ${m[3]}-${String(b).padStart(2, '0')}-${String(a).padStart(2, '0')} if ${a} is the day)`;
  return ` (write ${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')})`;
}

const calendar = z
  .strictObject({
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true, error: (iss) => `expected a date YYYY-MM-DD, got ${show(iss.input)}${dateHint(iss.input)}` })
      .refine(isCalendarDate, { error: (iss) => `expected a valid date YYYY-MM-DD, got ${show(iss.input)}` })
      .meta({ description: 'the day round 1 starts, YYYY-MM-DD', format: 'date' }),
    round: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(day|days|week|weeks|month|months)$/, {
        error: (iss) => `expected a duration such as "1 week", "3 days" or "1 month", got ${show(iss.input)}`,
      })
      .meta({ description: 'the time one round takes: "1 week", "3 days", "1 month" (a month ends on the same day of the month, or the month\'s last day)' }),
  })
  .meta({ description: 'dates for rounds: reports print the day each round starts' });

/** A field of options issues only: refused on a numeric issue with the reason. */
function optionsOnly(field: string) {
  return z
    .unknown()
    .refine(() => false, {
      error: `${field} applies to options issues only: on a numeric issue who must consent would jump at the no-deal point, which the proposer's closed-form solve cannot represent (make the issue an options issue)`,
    })
    .optional()
    .meta({ description: `not allowed on a numeric issue (${field} is for options issues)` });
}

const numericIssue = z.strictObject({
  range: z.tuple([z.number(), z.number()]).meta({ description: '[low, high] of a divisible issue' }),
  grid: z.int().min(2).max(10001).optional().meta({
    description: 'search points across the range (default 101); offers are then refined continuously, so this is not the precision',
  }),
  description: z.string().optional().meta({ description: 'what the scale measures and what its ends mean, in words' }),
  unit: z.string().optional().meta({ description: 'the unit of the range (shown in reports)' }),
  consent: optionsOnly('consent'),
  commitments: optionsOnly('commitments'),
});

const optionsIssue = z.strictObject({
  options: z.array(slug).min(2).meta({ description: 'ordered options, from one end of the scale to the other' }),
  description: z.string().optional().meta({ description: 'what each option means, in words' }),
  consent: z
    .union([z.array(id), z.record(slug, z.array(id))], { error: 'expected a list of parties, or {option: [parties]}' })
    .optional()
    .meta({
      description:
        "parties whose consent a deal needs besides those with veto: {option: [parties]} (a deal with that option needs them), or a list of parties (any option other than the issue's no-deal value needs them)",
    }),
  commitments: z.record(slug, z.string()).optional().meta({ description: "what each option's guarantors commit, in words (shown by ledger and explain)" }),
  nodeal: slug.optional().meta({ description: "the option that stands without a deal (for a consent list; give it here or in nodeal.state, not both)" }),
});

const issue = z.union([numericIssue, optionsIssue], { error: 'expected a numeric issue {range: [low, high]} or an options issue {options: [a, b, ...]}' }).meta({ description: 'a numeric issue {range: [lo, hi]} or an options issue {options: [...]}' });

const issueUtility = z.union([
  z.string().meta({ description: 'mathjs expression of x, the raw issue value, mapping the range into [0, 1]' }),
  z.strictObject({ values: z.record(slug, numberOrDistribution({ min: 0, max: 1 })).meta({ description: 'option name -> utility in [0, 1] (every option of the issue)' }) }).meta({
    description: 'utility of each option of an options issue, in [0, 1]',
  }),
], { error: 'expected a mathjs expression of x (numeric issue) or {values: {option: utility}} (options issue)' });

/** "a, b or c" (a list as the messages and descriptions say it). */
const either = (xs: readonly string[], last: string) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${last}${xs[xs.length - 1]}`);

// A party's strategy: every registered strategy's names and object forms (src/strategies/specs.ts).
const strategyNames = STRATEGY_SPECS.flatMap((s) => s.names);
const strategy = z
  .union([z.enum(strategyNames as [string, ...string[]]), ...STRATEGY_SPECS.flatMap((s) => s.forms)], {
    error: `expected ${strategyNames.join(', ')}, ${STRATEGY_SPECS.flatMap((s) => s.formExamples).join(' or ')}`,
  })
  .meta({ description: either(STRATEGY_SPECS.map((s) => s.doc), ', or ') });

const party = z.strictObject({
  name: z.string().optional().meta({ description: 'the name reports print for the party' }),
  ideal: z.record(id, z.union([numberOrDistribution({}, { written: false }), slug], { error: 'expected a number in the issue range or an option name' })).default({}).meta({
    description: 'most preferred value per issue: a number in its range, or an option',
  }),
  weights: z.record(id, numberOrDistribution({ min: 0 })).meta({ description: 'salience per issue; normalised to sum to 1' }),
  utility: z.record(id, issueUtility).default({}).meta({ description: 'per issue: how the party values it, instead of the distance to its ideal' }),
  reservation: numberOrDistribution({ min: 0, max: 1 }).default(0).meta({ description: 'utility of no deal, paid each round without agreement' }),
  outside: numberOrDistribution({ min: 0, max: 1 }).optional().meta({
    description: 'outside option: the utility paid every round from leaving on, to a party that rejects an offer and leaves the talks for good (docs/model.md, "Outside options")',
  }),
  discount: numberOrDistribution({ min: 0, max: 1, open: true }).default(0.99).meta({ description: 'pure time preference per round' }),
  veto: z.boolean().default(false).meta({ description: 'whether every deal needs its consent' }),
  power: numberOrDistribution({ min: 0 }).default(1).meta({ description: 'bargaining power: recognition weight when proposers are drawn' }),
  strategy: strategy.default('rational'),
  beliefs: z
    .strictObject({
      drift: z.record(id, z.strictObject({
        mean: numberOrDistribution({}, { written: false }).meta({ description: 'prior mean of the drift per round; a distribution marked private: true keeps the prior the party\'s own (its type under strategy: bayesian): the others know only the distribution' }),
        sd: z.number().min(0).meta({ description: 'prior standard deviation (0: a certainty no observation moves)' }),
      })).meta({ description: 'per numeric issue of nodeal: a normal prior on the no-deal state\'s drift, updated each round from the observed step' }),
    })
    .optional()
    .meta({ description: 'what the party believes about the battlefield (docs/model.md, "Beliefs about the battlefield"); without it, the party knows the drift' }),
  temperature: z.number().min(0).default(0).meta({
    description: 'quantal-response (logit) acceptance: accepts an offer with probability 1 / (1 + exp(-(u - needed) / temperature)); 0 = accepts exactly when u >= needed',
  }),
});

/** Each spec's schema, as a tuple of the same length (a discriminated union needs one). */
function schemasOf<T extends readonly { schema: z.ZodType }[]>(specs: T): { -readonly [K in keyof T]: T[K]['schema'] } {
  return specs.map((s) => s.schema) as { -readonly [K in keyof T]: T[K]['schema'] };
}

// The mechanism: every registered bargaining mechanism (src/mechanisms/specs.ts), then the forecast models.
const mechanismSpecs = [...MECHANISM_SPECS, expectedUtilitySpec] as const;
const mechanism = z
  .discriminatedUnion('kind', schemasOf(mechanismSpecs), {
    error: (iss) => (iss.code === 'invalid_union' ? `expected kind ${either(mechanismSpecs.map((m) => m.label), ' or ')}` : undefined),
  })
  .meta({ description: either(mechanismSpecs.map((m) => `${m.kind} (${m.doc})`), ' or ') });

/**
 * The scenario document, after defaults. Its mappings come out as
 * null-prototype objects (maps.ts): an id such as `constructor` or
 * `toString` is looked up as itself, never as Object.prototype's.
 */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional().meta({ description: 'the JSON Schema this file follows (for editors)' }),
  name: slug.meta({ description: 'the scenario id' }),
  title: z.string().optional().meta({ description: 'a one-line title for reports' }),
  description: z.string().optional().meta({ description: 'what the scenario models, in words' }),
  sources: z.array(source).default([]).meta({ description: 'the reports the scenario is built from; provenance cites their claims' }),
  calendar: calendar.optional(),
  rounds: z.int().min(1).max(10000).default(26).meta({ description: 'observation window in rounds, not a last round' }),
  runs: z.int().min(1).default(10000).meta({ description: 'Monte Carlo runs (default 10000); -n overrides it' }),
  // z.int() holds whole numbers to 2^53 − 1 (Number.MAX_SAFE_INTEGER), past which a number is not exact.
  seed: z.int().min(0).default(1).meta({ description: 'random seed, a whole number from 0 to 2^53 − 1 (9007199254740991); -s overrides it' }),
  issues: z.record(id, issue).meta({ description: 'what is negotiated, by id: numeric issues {range} and options issues {options}' }),
  constraints: z.array(z.string()).default([]).meta({ description: 'mathjs boolean expressions over issue ids; only packages satisfying all are feasible' }),
  parties: z.record(id, party).meta({ description: 'who negotiates, by id: preferences, reservation, discount, veto, power, strategy' }),
  mechanism: mechanism.default({ kind: 'alternating-offers' }),
  provenance: provenance.default({}),
  nodeal: nodealSchema.optional(),
  events: eventsSchema,
  breakdown: z
    .strictObject({
      hazard: z.union([z.number().min(0).max(1), z.string()]).meta({
        description:
          'per-round chance that a deal collapses back into war: a number, or a mathjs expression over the deal\'s options issues (e.g. \'security == "article5_like" ? 0.002 : 0.02\'), clamped to [0, 1]',
      }),
      after: z.enum(['table', 'war']).default('table').meta({
        description: 'what follows a collapse: back to the table from the no-deal state as it then stands (table), or war for good at the no-deal flows (war)',
      }),
      cost: z.record(id, z.number().min(0).max(1)).default({}).meta({
        description:
          "what a collapse costs each party beyond the war's own flows, by party id, on the value scale (0.1: as much as losing 0.1 of utility every round from then on), e.g. an enemy that regrouped during the truce; 0 for a party not named",
      }),
    })
    .optional()
    .meta({ description: 'deals that can break down (docs/model.md, "Deals that can break down")' }),
}).transform(withoutPrototypes);

/** A validated scenario document. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioParty = Scenario['parties'][string];
export type ScenarioIssue = Scenario['issues'][string];
export type StrategyForm = ScenarioParty['strategy'];
export type MechanismSpec = Scenario['mechanism'];
export type SourceEntry = Scenario['sources'][number];
export type ProvenanceBasis = z.output<typeof basis>;
export type EventSpec = Scenario['events'][number];
export type EffectSpec = EventSpec['effects'][number];
export type NodealSpec = NonNullable<Scenario['nodeal']>;
export type ExpectedUtilitySpec = Extract<MechanismSpec, { kind: 'expected-utility' }>;

/** Whether an issue is numeric (has a range) rather than a list of options. */
export function isNumericIssue(i: ScenarioIssue): i is Extract<ScenarioIssue, { range: unknown }> {
  return 'range' in i;
}

/** The JSON Schema of the scenario format, for editors and for `parley schema`. */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
}
