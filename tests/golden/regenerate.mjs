// Rewrites every golden file from the built CLI (`npm run golden` builds first). See cases.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cases } from './cases.mjs';
import { runParley } from './parley.mjs';

const outputs = await runParley(cases);
for (const [i, c] of cases.entries()) {
  const path = join('tests/golden', c.file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, outputs[i]);
}
console.log(`wrote ${cases.length} golden files under tests/golden/`);
