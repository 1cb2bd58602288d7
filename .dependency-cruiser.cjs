// The import layering of src/ (README, "Layout"), checked by dependency-cruiser
// in `npm test` (`npm run lint:layers`). Imports point down this list only:
//   cli → facade (index.ts, internals.ts, api.ts, api/) → report, plot → distributed → montecarlo → engine
//   → mechanisms, strategies, forecast → solvers → core → model → scenario → rng, stats
// plot may import report (it draws the reports); forecast (the expected-utility
// model, beside the mechanisms) imports only model, scenario, rng and stats.
// src/version.ts is a leaf anyone may import.
/** @type {import('dependency-cruiser').IConfiguration} */

/** Each layer, top to bottom, with the folders (or facade files) it is made of. */
const LAYERS = [
  { name: 'cli', paths: ['src/cli/'] },
  { name: 'facade', paths: ['src/index\\.ts$', 'src/internals\\.ts$', 'src/api\\.ts$', 'src/api/'] },
  { name: 'report, plot', paths: ['src/report/', 'src/plot/'] },
  { name: 'distributed', paths: ['src/distributed/'] },
  { name: 'montecarlo', paths: ['src/montecarlo/'] },
  { name: 'engine', paths: ['src/engine/'] },
  { name: 'mechanisms, strategies, forecast', paths: ['src/mechanisms/', 'src/strategies/', 'src/forecast/'] },
  { name: 'solvers', paths: ['src/solvers/'] },
  { name: 'core', paths: ['src/core/'] },
  { name: 'model', paths: ['src/model/'] },
  { name: 'scenario', paths: ['src/scenario/'] },
  { name: 'rng, stats', paths: ['src/rng/', 'src/stats/'] },
];

/** Imports between folders of one layer that the layering allows (the facade's files import each other freely). */
const PEERS = { 'src/plot/': ['src/report/'], 'src/index\\.ts$': ['src/internals\\.ts$', 'src/api/'], 'src/internals\\.ts$': ['src/api/'], 'src/api\\.ts$': ['src/api/'] };

/** forecast sits beside the mechanisms but imports only these (not the solvers and core the mechanisms use). */
const FORECAST_MAY_IMPORT = ['src/model/', 'src/scenario/', 'src/rng/', 'src/stats/'];

/**
 * Temporary exceptions: an import that breaks a rule, allowed from exactly one file to exactly one
 * other while a restructuring is under way ({folder, from, to}, regular expressions on paths).
 * None today: add one only with the change that will remove it.
 */
const TEMPORARY = [];

/**
 * The declarations of mechanisms, strategies and forecast models (docs/architecture.md): what each is for the
 * scenario format (its schema block, names, doc, settings). Any layer may import them — the scenario schema
 * builds its unions from them, the model compiles a party's strategy with them — and they import only zod
 * and the scenario's leaf modules, so they never pull the code that plays them below its layer.
 */
const DECLARATIONS = ['^src/(mechanisms|strategies)/specs\\.ts$', '^src/(mechanisms|strategies|forecast)/[a-z-]+/spec\\.ts$'];
const DECLARATIONS_MAY_IMPORT = [...DECLARATIONS, '^src/scenario/(ids|numbers|mechanismSpec|strategySpec|zod)\\.ts$', '^src/rng/'];

const either = (paths) => `^(${paths.join('|')})`;

/** What files of `folder` may import inside src/: their own folder, the layers below, allowed peers, version.ts. */
function allowed(folder) {
  const i = LAYERS.findIndex((l) => l.paths.includes(folder));
  const below = LAYERS.slice(i + 1).flatMap((l) => l.paths);
  const own = folder === 'src/forecast/' ? FORECAST_MAY_IMPORT : below;
  return [folder, ...own, ...(PEERS[folder] ?? []), 'src/version\\.ts$'];
}

/** Rule (b): every folder imports only its own files and the layers below it (see allowed()). */
function layerRules() {
  return LAYERS.flatMap((layer, i) =>
    layer.paths.map((folder) => {
      const excepted = TEMPORARY.filter((t) => t.folder === folder).map((t) => t.from);
      return {
        name: `layers:${folder.replace(/^src\//, '').replace(/\\\.ts\$$/, '.ts')}`,
        severity: 'error',
        comment: `${layer.name} imports only what is below it: ${LAYERS.slice(i + 1).map((l) => l.name).join(' → ') || 'nothing in src/'}`,
        from: { path: `^${folder}`, ...(excepted.length ? { pathNot: excepted } : {}) },
        to: { path: '^src/', pathNot: [either(allowed(folder)), ...DECLARATIONS] },
      };
    }),
  );
}

/** The excepted files keep the layer rule, but for their one excepted import. */
function temporaryRules() {
  return TEMPORARY.map((t, k) => ({
    name: `layers:temporary-${k + 1}`,
    severity: 'error',
    comment: `${t.from} may import ${t.to} until the one engine lands, nothing else above its layer`,
    from: { path: t.from },
    to: { path: '^src/', pathNot: [either(allowed(t.folder)), t.to] },
  }));
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Rule (a): no import cycles. A cycle through a type-only import does not exist at run time and is allowed inside a folder (model/types.ts and the files it names types from); across folders the layer rules forbid it anyway.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...layerRules(),
    ...temporaryRules(),
    {
      name: 'declarations-are-leaves',
      severity: 'error',
      comment: 'A mechanism, strategy or forecast declaration (spec.ts, specs.ts) imports only zod, the scenario leaf modules and other declarations',
      from: { path: DECLARATIONS },
      to: { path: '^src/', pathNot: DECLARATIONS_MAY_IMPORT },
    },
    {
      name: 'mechanisms-apart',
      severity: 'error',
      comment: 'Rule (c): a mechanism imports no other mechanism folder (they talk through core/)',
      from: { path: '^src/mechanisms/([^/]+)/' },
      to: { path: '^src/mechanisms/', pathNot: '^src/mechanisms/$1/' },
    },
    {
      name: 'mechanisms-no-strategies',
      severity: 'error',
      comment: 'Rule (c): mechanisms never import strategies',
      from: { path: '^src/mechanisms/', pathNot: TEMPORARY.filter((t) => t.to.startsWith('^src/strategies/')).map((t) => t.from) },
      to: { path: '^src/strategies/' },
    },
    {
      name: 'strategies-no-mechanisms',
      severity: 'error',
      comment: 'Rule (c): strategies never import mechanisms',
      from: { path: '^src/strategies/' },
      to: { path: '^src/mechanisms/' },
    },
    {
      name: 'commander-only-in-cli',
      severity: 'error',
      comment: 'Rule (d): only cli/ touches commander (the library returns values and never parses argv)',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '(^|/)node_modules/commander/' },
    },
    {
      name: 'zod-through-scenario-zod',
      severity: 'error',
      comment: 'Schemas are built with z from scenario/zod.ts, which turns off zod\'s parsers compiled with new Function (types may come from zod itself)',
      from: { path: '^src/', pathNot: '^src/scenario/zod\\.ts$' },
      to: { path: '(^|/)node_modules/zod/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-table3-only-in-report',
      severity: 'error',
      comment: 'Rule (d): only report/ draws terminal tables',
      from: { path: '^src/', pathNot: '^src/report/' },
      to: { path: '(^|/)node_modules/cli-table3/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
