import { drawTable } from './table.js';
import type { SolutionId } from '../solvers/axiomatic/objectives.js';
import type { Aggregate } from '../montecarlo/aggregate.js';
import type { Model } from '../model/types.js';
import type { Histogram } from '../stats/histogram.js';
import { toMarkdownTable } from './csv.js';
import { r6, spread, type Spread } from './summary.js';

/** `solve --runs N`: each solution's distribution over N draws of the scenario's parameters. */
export interface SolveDraws {
  runs: number;
  seed: number;
  solutions: Record<
    string,
    {
      /** Share of draws with a bargaining range (a package every required party prefers to no deal). */
      range: number;
      /** Over draws with a range. */
      terms: Record<string, Spread | { shares: Record<string, number> }>;
      /** Each party's utility of the solution, over draws with a range. */
      utility: Record<string, Spread>;
    }
  >;
}

export function solveDrawsReport(model: Model, aggs: Record<SolutionId, Aggregate>, runs: number, seed: number): SolveDraws {
  const solutions = Object.fromEntries(
    Object.entries(aggs).map(([id, a]) => [
      id,
      {
        range: r6(a.agreements / a.runs) as number,
        terms: Object.fromEntries(
          model.issues.map((issue, k) => {
            const t = a.terms[k];
            if (issue.kind === 'numeric') return [issue.id, spread(t as Histogram)];
            const counts = t as Float64Array;
            return [issue.id, { shares: Object.fromEntries(issue.options.map((o, i) => [o, a.agreements ? (r6(counts[i] / a.agreements) as number) : 0])) }];
          }),
        ),
        utility: Object.fromEntries(model.parties.map((p, i) => [p.id, spread(a.dealUtils[i])])),
      },
    ]),
  );
  return { runs, seed, solutions };
}

/** One cell: a numeric term or utility as mean [p5–p95]; an options term as its shares, largest first. */
function cell(x: Spread | { shares: Record<string, number> }): string {
  if ('shares' in x)
    return Object.entries(x.shares)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([o, v]) => `${o} ${(100 * v).toFixed(0)}%`)
      .join(', ');
  const f = (v: number | null) => (v === null ? '–' : v.toFixed(3));
  return `${f(x.mean)} [${f(x.p5)}–${f(x.p95)}]`;
}

function rows(d: SolveDraws): { head: string[]; body: string[][] } {
  const first = Object.values(d.solutions)[0];
  const issues = Object.keys(first.terms);
  const parties = Object.keys(first.utility);
  const head = ['solution', 'draws with a range', ...issues, ...parties.map((p) => `u(${p})`)];
  const body = Object.entries(d.solutions).map(([id, s]) => [
    id,
    `${(100 * s.range).toFixed(1)}%`,
    ...issues.map((k) => cell(s.terms[k])),
    ...parties.map((p) => cell(s.utility[p])),
  ]);
  return { head, body };
}

const title = (d: SolveDraws) => `Over ${d.runs} draws of the parameters (seed ${d.seed}; draw i = the parameters of run i of \`parley run\`): mean [p5–p95] over draws with a bargaining range`;

export function renderSolveDrawsTable(d: SolveDraws): string {
  const { head, body } = rows(d);
  return `\n${title(d)}\n${drawTable(head, body)}\n`;
}

export function renderSolveDrawsMarkdown(d: SolveDraws): string {
  const { head, body } = rows(d);
  return `\n${title(d)}\n\n${toMarkdownTable(head, body)}\n`;
}

/** CSV rows (solution, kind, key, value) of the draws: range share, then mean/p5/p50/p95 or option shares. */
export function solveDrawsCsvRows(d: SolveDraws): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  for (const [id, s] of Object.entries(d.solutions)) {
    out.push([id, 'draws:range', 'share', s.range]);
    for (const [k, t] of Object.entries(s.terms)) {
      if ('shares' in t) for (const [o, v] of Object.entries(t.shares)) out.push([id, 'draws:term', `${k}=${o}`, v]);
      else for (const q of ['mean', 'p5', 'p50', 'p95'] as const) out.push([id, 'draws:term', `${k}:${q}`, t[q]]);
    }
    for (const [p, u] of Object.entries(s.utility)) for (const q of ['mean', 'p5', 'p50', 'p95'] as const) out.push([id, 'draws:utility', `${p}:${q}`, u[q]]);
  }
  return out;
}
