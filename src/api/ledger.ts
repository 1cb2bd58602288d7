import { expectedUtilityModel } from '../forecast/expected-utility/index.js';
import type { OpenScenario } from '../model/open.js';
import { buildLedger, type LedgerReport } from '../report/ledger.js';

/**
 * `parley ledger`: the scenario's sources (grade, publication and event dates,
 * claims used) and every parameter and modelling choice with its basis from the
 * `provenance` block: a source's claim, an assumption or a judgement, or flagged
 * when none is given. Works for every mechanism; nothing is run.
 * @example
 * const l = ledger(openScenario('scenarios/conditional-aid.yaml'));
 * l.flags.unexplained; // fields with no provenance given
 */
export function ledger(open: OpenScenario): LedgerReport {
  return buildLedger(open, expectedUtilityModel(open.model));
}
