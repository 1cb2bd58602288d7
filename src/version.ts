import { readFileSync } from 'node:fs';

/**
 * parley's version, from its package.json (outputs carry it so numbers can be traced): the first
 * package.json named parley above this module, which is dist/version.js in the library and a file of
 * dist/cli/ in the bin's bundle (rollup.config.mjs).
 */
export const VERSION: string = findVersion(new URL('.', import.meta.url));

function findVersion(dir: URL): string {
  for (let at = dir; ; ) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', at), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'parley' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here (or not parley's): look further up.
    }
    const up = new URL('..', at);
    if (up.href === at.href) throw new Error('parley: its package.json was not found above ' + dir.pathname);
    at = up;
  }
}
