import { readFileSync } from 'node:fs';

/** parley's version, from its package.json (outputs carry it so numbers can be traced). */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
