import type { Command } from 'commander';
import { openScenario } from '../../api.js';
import { scenarioJsonSchema } from '../../scenario/schema.js';
import { emit, UsageError } from '../io.js';
import { json, outOption, setOption } from '../options.js';

/** `validate` and `schema`: the scenario format itself. */
export function registerFormatCommands(program: Command): void {
  program
    .command('validate')
    .description('check scenario files; every error names file, line, column and the path in the document')
    .argument('<scenario...>', 'scenario files')
    .addOption(setOption())
    .action((files: string[], o: { set: string[] }) => {
      const problems = files.flatMap((f) => {
        const r = openScenario(f, o.set);
        if (r.ok) emit(`${f}: ok (${r.value.model.parties.length} parties, ${r.value.model.issues.length} issues, ${r.value.model.space.count} feasible packages)\n`);
        return r.ok ? [] : r.problems;
      });
      if (problems.length > 0) throw new UsageError(`${problems.length} problem(s) found`, problems);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .addOption(outOption())
    .action((o: { out?: string }) => emit(json(scenarioJsonSchema()), o.out));
}
