import type { Command } from 'commander';
import { InputError, openScenario } from '../../api.js';
import { scenarioJsonSchema } from '../../scenario/schema.js';
import { emit } from '../io.js';
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
        try {
          const { model } = openScenario(f, o.set);
          emit(`${f}: ok (${model.parties.length} parties, ${model.issues.length} issues, ${model.space.count} feasible packages)\n`);
          return [];
        } catch (e) {
          // A problem with the input as a whole (no located problems) is still this file's problem.
          if (e instanceof InputError) return e.problems.length > 0 ? e.problems : [{ path: [], file: f, message: e.message }];
          throw e;
        }
      });
      if (problems.length > 0) throw new InputError(`${problems.length} problem(s) found`, problems);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .addOption(outOption())
    .action((o: { out?: string }) => emit(json(scenarioJsonSchema()), o.out));
}
