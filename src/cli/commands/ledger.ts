import type { Command } from 'commander';
import { ledger, openScenario } from '../../api.js';
import type { Format } from '../../report/format.js';
import { renderLedgerCsv, renderLedgerMarkdown, renderLedgerTable } from '../../report/ledgerFormat.js';
import { emit } from '../io.js';
import { formatOption, json, outOption, setOption, wideOption } from '../options.js';

export function registerLedger(program: Command): void {
  program
    .command('ledger')
    .description("where each number and modelling choice comes from: the sources (grade, dates, claims used) and every field's basis (a source's claim, an assumption or a judgement); flags fields with no provenance given, claims nothing cites, citations that set nothing and dropped hedges")
    .argument('<scenario>', 'scenario file')
    .option('--baseline <file>', 'a baseline scenario: flags a claim cited for fields whose values are the baseline\'s (the claim sets nothing)')
    .addOption(setOption())
    .addOption(formatOption())
    .addOption(wideOption())
    .addOption(outOption())
    .action((file: string, o: { set: string[]; format: Format; out?: string; baseline?: string }) => {
      const r = ledger(openScenario(file, o.set), o.baseline ? { baseline: openScenario(o.baseline) } : {});
      const render = { json, table: renderLedgerTable, md: renderLedgerMarkdown, csv: renderLedgerCsv }[o.format];
      emit(render(r), o.out);
    });
}
