// The bin's bundle (`npm run build`, after tsc): the CLI and its worker thread as a few files instead of about
// 300 modules (parley's own and its dependencies'), which Node would resolve, read and link one by one at every start.
// It replaces tsc's dist/cli/cli.js, which dist/cli/main.js (the bin) imports once it has set its flags; the worker
// thread's entry sits beside it as dist/cli/worker.js, where the pool looks for it. The library (dist/index.js,
// dist/api.js) stays unbundled. What only some commands need stays a separate file, loaded when used: the charts'
// page, the queue (and vega, BullMQ, ioredis and mathjs themselves, resolved from node_modules as before).
import { chmodSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';

// tsc writes the bin (dist/cli/main.js) without the executable bit, and npm does not always add it to a project's
// own bin: `npx parley` in a fresh clone could then fail with "Permission denied". The build sets it.
const binExecutable = { name: 'bin-executable', writeBundle: () => chmodSync('dist/cli/main.js', 0o755) };

export default {
  input: { cli: 'dist/cli/cli.js', worker: 'dist/montecarlo/worker.js' },
  output: { dir: 'dist/cli', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'bundle-[name].js' },
  external: (id) => /^(mathjs|vega|vega-lite|bullmq|ioredis)(\/|$)/.test(id),
  plugins: [nodeResolve({ preferBuiltins: true }), commonjs(), binExecutable],
  // What rollup notes about dependencies' own code (zod's cycles and comment placement) is theirs; parley's modules have
  // no cycles (lint:layers), and any warning about them is printed.
  onwarn: (w, warn) => (inDependencies(w) ? undefined : warn(w)),
};

function inDependencies(w) {
  const ids = w.ids ?? (w.id ? [w.id] : w.loc?.file ? [w.loc.file] : []);
  return ids.length > 0 && ids.every((id) => id.includes('/node_modules/'));
}
