import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Loading mathjs costs a process or a worker thread ~2 s and ~100 MB: only scenario
// expressions need it. These tests run the built library (`npm test` builds first)
// in fresh processes and report whether mathjs was loaded, by import (a resolve
// hook) or by require (the require cache).
const HOOK = `export async function resolve(s, c, next) {
  const r = await next(s, c);
  const m = /\\/node_modules\\/(mathjs|bullmq|ioredis|vega)\\//.exec(r.url);
  if (m) process.stderr.write(m[1].toUpperCase() + ' ' + r.url + '\\n');
  return r;
}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`)}`;

/** Runs `body` (ES module code; `api` and `expr` are the built modules) and returns what it printed, and whether mathjs was loaded. */
function fresh(body: string, input?: Buffer) {
  const code = `
    import { createRequire } from 'node:module';
    const api = await import(${JSON.stringify(`${process.cwd()}/dist/api.js`)});
    const expr = await import(${JSON.stringify(`${process.cwd()}/dist/model/expr.js`)});
    ${body}
    const required = Object.keys(createRequire(${JSON.stringify(`${process.cwd()}/`)}).cache).filter((k) => k.includes('/node_modules/mathjs/'));
    if (required.length > 0) process.stderr.write('MATHJS required ' + required.length + ' files\\n');`;
  const r = spawnSync(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', code], { encoding: 'utf8', input });
  expect(r.status, r.stderr).toBe(0);
  return { stdout: r.stdout, mathjs: r.stderr.includes('MATHJS'), mathjsFiles: Number(/MATHJS required (\d+) files/.exec(r.stderr)?.[1] ?? 0) };
}

const RUN = (file: string, sets: string[] = []) => `
  const open = api.openScenario(${JSON.stringify(file)}, ${JSON.stringify(sets)});
  process.stdout.write(JSON.stringify(api.runScenario(open, { runs: 40, seed: 3 })));`;

/** An override that puts a function call (which only mathjs parses) in conditional-aid's first event. */
const CALL = 'events.0.when=round > max(8, 1)';

describe('mathjs is loaded only when an expression needs it', { timeout: 120_000 }, () => {
  it('a scenario without expressions opens and runs without mathjs', () => {
    const r = fresh(RUN('tests/fixtures/rubinstein.yaml'));
    expect(JSON.parse(r.stdout).runs).toBe(40);
    expect(r.mathjs).toBe(false);
  });

  it("a scenario whose expressions are all plain opens without it: they are parsed to mathjs' tree without mathjs (model/exprFast.ts)", () => {
    const r = fresh(RUN('scenarios/conditional-aid.yaml'));
    expect(JSON.parse(r.stdout).runs).toBe(40);
    expect(r.mathjs).toBe(false);
  });

  it('an expression with a function call loads it: its parser and syntax-tree classes, not the whole build', () => {
    const r = fresh(RUN('scenarios/conditional-aid.yaml', [CALL]));
    expect(r.mathjs).toBe(true);
    // parse and the factories it needs are ~60 files; mathjs' own entries load ~480 (every factory and its embedded docs).
    expect(r.mathjsFiles).toBeGreaterThan(20);
    expect(r.mathjsFiles).toBeLessThan(100);
  });

  it('a worker thread given the checked expressions compiles the scenario without mathjs, to the same report', () => {
    // Events with a call (mathjs' tree), and a constraint comparing option names (uncertain: the plain parser's tree).
    for (const [file, sets, mainLoads] of [['scenarios/conditional-aid.yaml', [CALL], true], ['tests/fixtures/uncertain.yaml', [], false]] as const) {
      // The main thread checks the expressions and hands them on, structured-cloned as to a worker.
      const main = fresh(`${RUN(file, [...sets])}
        const { serialize } = await import('node:v8');
        process.stdout.write('\\n' + serialize(expr.checkedExpressions()).toString('base64'));`);
      expect(main.mathjs).toBe(mainLoads);
      const [report, checked] = main.stdout.split('\n');
      const worker = fresh(`
        const { deserialize } = await import('node:v8');
        let input = '';
        for await (const c of process.stdin) input += c;
        expr.useCheckedExpressions(deserialize(Buffer.from(input, 'base64')));
        ${RUN(file, [...sets])}`, Buffer.from(checked));
      expect(worker.mathjs).toBe(false);
      expect(worker.stdout).toBe(report);
    }
  });
});

/** A hook that names every file module loaded (not node's own). */
const FILES_HOOK = `export async function load(u, c, next) {
  if (u.startsWith('file:')) process.stderr.write('FILE ' + u + '\\n');
  return next(u, c);
}`;
const REGISTER_FILES = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(FILES_HOOK)}`)});`)}`;

describe('the bin loads what a command needs', { timeout: 60_000 }, () => {
  it('`run` reads the bundle (rollup.config.mjs): a handful of files, not the 300 modules of parley and its dependencies', () => {
    const r = spawnSync(process.execPath, ['--import', REGISTER_FILES, 'dist/cli/main.js', 'run', 'scenarios/default.yaml', '-n', '1', '-f', 'json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files = r.stderr.split('\n').filter((l) => l.startsWith('FILE '));
    // main.js (flags), oneThread.js, the CLI's bundle and the chunk it shares with the worker thread.
    expect(files.length, files.join('\n')).toBeLessThanOrEqual(6);
    expect(files.some((f) => f.includes('/node_modules/'))).toBe(false);
    expect(JSON.parse(r.stdout).runs).toBe(1);
  });

  it('two threads: the worker thread runs the bundle\'s entry beside the CLI, to the same report as one thread', () => {
    const run = (w: string) => spawnSync(process.execPath, ['dist/cli/main.js', 'run', 'scenarios/default.yaml', '-n', '600', '-w', w, '-f', 'json'], { encoding: 'utf8' });
    const [one, two] = [run('1'), run('2')];
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('the bin is executable, so `npx parley` runs it in a fresh clone (the build sets the bit tsc leaves off)', () => {
    expect(statSync('dist/cli/main.js').mode & 0o111).toBe(0o111);
    const r = spawnSync('dist/cli/main.js', ['--version'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it('`run` loads neither the queue (BullMQ, ioredis) nor the charts (vega)', () => {
    const r = spawnSync(process.execPath, ['--import', REGISTER, 'dist/cli/main.js', 'run', 'scenarios/default.yaml', '-n', '1', '-f', 'json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).runs).toBe(1);
    expect(r.stderr).not.toMatch(/BULLMQ|IOREDIS|VEGA/);
  });
});

describe('opening a scenario compiles no code', { timeout: 60_000 }, () => {
  // zod compiles a parser per object schema with the Function constructor unless told not to (src/scenario/zod.ts);
  // with its just-in-time parsers on, even its probe for whether it may (a `new Function("")`) would count here.
  it('every shipped scenario and a bad file are validated without the Function constructor', () => {
    const files = ['scenarios/default.yaml', 'scenarios/war-and-talks.yaml', 'scenarios/private-limits.yaml', 'scenarios/us-mediates.yaml', 'tests/fixtures/uncertain.yaml'];
    const r = fresh(`
      let made = 0;
      globalThis.Function = new Proxy(Function, {
        construct: (t, args) => (made++, Reflect.construct(t, args)),
        apply: (t, self, args) => (made++, Reflect.apply(t, self, args)),
      });
      for (const f of ${JSON.stringify(files)}) api.openScenario(f, []);
      let refused = false;
      try { api.openScenarioText('bad.yaml', 'name: x\\nparties: 3\\n'); } catch { refused = true; }
      process.stdout.write(JSON.stringify({ made, refused }));`);
    expect(JSON.parse(r.stdout)).toEqual({ made: 0, refused: true });
  });
});
