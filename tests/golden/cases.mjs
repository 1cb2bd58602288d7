// The golden cases: each file under tests/golden/ and the `parley` arguments that print it.
// Regression snapshots, not oracles: they pin today's output so that a change meant to leave it alone can prove it did.
// Regenerate them (only on purpose, in a commit of their own that says why): `npm run golden`.
import { readdirSync } from 'node:fs';

const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => f.replace(/\.yaml$/, ''));

const explained = ['default', 'us-mediates', 'three-week-window', 'no-preconditions', 'private-limits'];

/**
 * Scenarios run again with every event a surprise (`anticipated: false`): these pin the semantics from before
 * levers were anticipated (their bodies were checked equal to the earlier golden runs when anticipation came in;
 * the files have had one event each since issue 15).
 */
const surprised = { 'conditional-aid': 1, 'three-week-window': 1 };
const surprise = (events) => Array.from({ length: events }, (_, k) => ['--set', `events.${k}.anticipated=false`]).flat();

/** @type {{file: string, args: string[]}[]} */
export const cases = [
  ...scenarios.map((s) => ({ file: `run/${s}.json`, args: ['run', `scenarios/${s}.yaml`, '-n', '200', '-s', '1', '-f', 'json'] })),
  ...explained.flatMap((s) =>
    [0, 1, 2, 3].map((i) => ({ file: `explain/${s}.run${i}.json`, args: ['explain', `scenarios/${s}.yaml`, '--run', String(i), '-s', '1', '-f', 'json'] })),
  ),
  ...Object.entries(surprised).map(([s, events]) => ({
    file: `run/${s}.surprise.json`,
    args: ['run', `scenarios/${s}.yaml`, '-n', '200', '-s', '1', '-f', 'json', ...surprise(events)],
  })),
  { file: 'schema.json', args: ['schema'] },
];
