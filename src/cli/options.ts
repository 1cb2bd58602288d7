import { InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { assertBargaining, openScenario, type OpenScenario } from '../api.js';
import { FORMATS } from '../report/format.js';
import { capWorkers } from './workers.js';

/** Option parsers and builders shared by the commands. */
export function positiveInt(name: string) {
  return (v: string) => {
    // 10000, 1e4 or 10_000: a count written as an analyst writes it, still a whole number.
    const text = v.trim().replaceAll('_', '');
    const x = /^\d+(\.\d+)?(e\+?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(x) || x < 1) throw new InvalidArgumentError(`${name} must be a whole number >= 1 (such as 10000, 1e4 or 10_000)`);
    return x;
  };
}

/** A seed: a whole number from 0 to 2^53 − 1, the largest a number holds exactly (a larger one would be rounded, or become Infinity). */
export const seedArg = (v: string) => {
  const range = `the seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`;
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${range}`);
  if (BigInt(v) > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidArgumentError(`${range}; ${v.length > 24 ? `${v.slice(0, 20)}... (${v.length} digits)` : v} is larger`);
  return Number(v);
};

export const collect = (v: string, prev: string[]) => [...prev, v];

export const workersOption = () =>
  new Option('-w, --workers <K>', 'worker threads (the output is identical for any number; at most 2 per core, see PARLEY_MAX_WORKERS_PER_CORE)')
    .argParser((v) => capWorkers(positiveInt('workers')(v)))
    .default(availableParallelism(), 'available cores');
export const formatOption = (choices: readonly string[] = FORMATS) => new Option('-f, --format <format>', 'output format').choices(choices).default('table');
export const setOption = () =>
  new Option('--set <path=value>', 'override a scenario field by its dotted path (repeatable), e.g. parties.russia.discount=0.95').argParser(collect).default([]);
export const wideOption = () => new Option('--wide', 'draw tables as wide as their content (by default they are fitted to 100 columns, long cells wrapped)');
export const outOption = () => new Option('-o, --out <file>', 'write the output to a file instead of stdout (whole or not at all)');
export const seedOption = () => new Option('-s, --seed <S>', "seed (default: the scenario's seed)").argParser(seedArg);

/** JSON output with a trailing newline. */
export const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

/** Opens a scenario for a command that needs agreements (bargaining); an InputError (exit 2) if it is invalid or the expected-utility model. */
export function openBargaining(file: string, sets: string[], command: string): OpenScenario {
  const s = openScenario(file, sets);
  assertBargaining(s, `\`parley ${command}\``);
  return s;
}
