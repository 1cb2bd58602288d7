import { expectedUtilityModel } from '../forecast/expected-utility/index.js';
import type { OpenScenario } from '../model/open.js';
import { buildLedger, type LedgerReport } from '../report/ledger.js';

/**
 * `parley ledger`: the scenario's sources (grade, publication and event dates,
 * claims used) and every parameter and modelling choice with its basis from the
 * `provenance` block: a source's claim, an assumption or a judgement, or flagged
 * when none is given. Works for every mechanism; nothing is run. With a `baseline`
 * scenario, a claim cited for fields whose values are the baseline's is flagged
 * (it sets nothing), unless the baseline's fields rest on the same report.
 * @example
 * const l = ledger(openScenario('scenarios/conditional-aid.yaml'));
 * l.flags.unexplained; // fields with no provenance given
 */
export function ledger(open: OpenScenario, options: { baseline?: OpenScenario } = {}): LedgerReport {
  const b = options.baseline;
  return buildLedger(open, expectedUtilityModel(open.model), b ? { open: b, report: buildLedger(b, expectedUtilityModel(b.model)) } : null);
}
