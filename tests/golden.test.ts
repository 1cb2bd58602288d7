import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cases } from './golden/cases.mjs';
import { runParley } from './golden/parley.mjs';

// Regression snapshots (not oracles): every shipped scenario's `run -n 200 -s 1 -f json`, the transcripts of runs
// 0-3 of five scenarios, and `parley schema`. A change meant to leave output alone must leave these bytes alone;
// one that moves output on purpose regenerates them with `npm run golden`, in a commit of its own that says why.
describe('golden files', { timeout: 300_000 }, () => {
  it('the built CLI prints every golden file byte for byte', async () => {
    const list = cases as { file: string; args: string[] }[];
    const outputs: string[] = await runParley(list);
    const differing = list.filter((c, i) => readFileSync(join('tests/golden', c.file), 'utf8') !== outputs[i]).map((c) => `${c.file} (parley ${c.args.join(' ')})`);
    expect(differing, 'these outputs differ from their golden files').toEqual([]);
  });

  it('docs/scenario.schema.json is the schema parley prints', () => {
    expect(readFileSync('docs/scenario.schema.json', 'utf8')).toBe(readFileSync('tests/golden/schema.json', 'utf8'));
  });
});
