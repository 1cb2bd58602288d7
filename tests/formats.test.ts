import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { explainRun } from '../src/api/explain.js';
import { renderTranscriptCsv, renderTranscriptMarkdown } from '../src/report/transcriptFormats.js';
import { solveReport } from '../src/api.js';
import { renderSolveCsv, renderSolveMarkdown } from '../src/report/solve.js';
import { spawnSync } from 'node:child_process';
import { scenario } from './helpers.js';

const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');
const parley = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
const parseCsv = (text: string) => text.trim().split('\n').map((l) => l.split(','));

describe('explain in every format', () => {
  const s = scenario(uncertain, ['parties.east.name=Eastland']);
  const t = explainRun(s.model, 1, 3);
  const cal = s.model.scenario.calendar;

  it('csv: one row per offer (or waiting), per reply, the end and each party\'s value, matching the transcript', () => {
    const [head, ...rows] = parseCsv(renderTranscriptCsv(t, cal));
    expect(head).toEqual(['run', 'round', 'date', 'event', 'party', 'accepted', 'utility', 'needed', 'territory', 'security']);
    const replies = t.rounds.flatMap((r) => r.replies);
    expect(rows).toHaveLength(t.rounds.length + replies.length + 1 + t.parties.length);
    const replyRows = rows.filter((r) => r[3] === 'reply');
    replyRows.forEach((r, i) => {
      expect(r[4]).toBe(replies[i].party);
      expect(Number(r[6])).toBe(replies[i].utility);
      expect(r[5]).toBe(String(replies[i].accepted));
    });
    expect(rows[0][2]).toBe('2025-08-18');
    const values = rows.filter((r) => r[3] === 'value of the run');
    for (const v of values) expect(Number(v[6])).toBe(t.end.values[v[4]]);
  });

  it('md: the draws, the parties by name and one table row per round', () => {
    const md = renderTranscriptMarkdown(t, cal);
    expect(md).toContain(`### Run 3 of "uncertain" (seed 1)`);
    expect(md).toContain('| Eastland |');
    for (const path of Object.keys(t.draws)) expect(md).toContain(`| ${path} |`);
    expect(md.split('\n').filter((l) => /^\| \d+ \(20\d\d-/.test(l))).toHaveLength(t.rounds.length);
  });
});

describe('explain of a world run in csv and md', () => {
  const s = scenario(readFileSync('tests/fixtures/deadline-walkout.yaml', 'utf8'));
  // The first run (of the first 200) that ends because the US walks away.
  const run = [...Array(200).keys()].find((i) => explainRun(s.model, 1, i).end.walkedAway);
  const t = explainRun(s.model, 1, run as number);
  const cal = s.model.scenario.calendar;

  it('csv: a row per event fired (with its effects in words), the no-deal flows per round, and the walk-out as the end', () => {
    const text = renderTranscriptCsv(t, cal);
    expect(text).toContain('event deadline: United States leaves the table');
    expect(text.trim().split('\n').filter((l) => l.includes(',no-deal flow,'))).toHaveLength(t.rounds.length * t.parties.length);
    expect(text).toMatch(new RegExp(`\n${run},${t.end.walkedAway?.round},[\\d-]+,walked away: us,`));
  });

  it('md: an events column when an event fired during the talks, and the walk-out', () => {
    const md = renderTranscriptMarkdown(t, cal);
    const header = t.rounds.some((r) => r.events) ? '| round | events | proposer |' : '| round | proposer |';
    expect(md).toContain(header);
    expect(md).toMatch(/\*\*The end:\*\* in round \d+ \([\d-]+\) United States walked away \(the three-week window is over without a summit, and the US envoys walk away\); talks end\./);
  });
});

describe('solve in every format', () => {
  const r = solveReport(scenario(uncertain));

  it('csv: every term and utility of every solution, as in the JSON', () => {
    const [head, ...rows] = parseCsv(renderSolveCsv(r));
    expect(head).toEqual(['solution', 'kind', 'key', 'value']);
    for (const [id, sol] of Object.entries(r.solutions)) {
      for (const [p, u] of Object.entries(sol.utility)) expect(Number(rows.find((x) => x[0] === id && x[1] === 'utility' && x[2] === p)?.[3])).toBe(u);
      for (const [k, v] of Object.entries(sol.terms)) expect(rows.find((x) => x[0] === id && x[1] === 'term' && x[2] === k)?.[3]).toBe(String(v));
    }
    expect(rows.filter((x) => x[0] === 'no-deal point')).toHaveLength(3);
  });

  it('md: one row per solution', () => {
    const md = renderSolveMarkdown(r);
    expect(md).toContain('| solution | territory | security | u(east) | u(west) | u(broker) |');
    for (const id of Object.keys(r.solutions)) expect(md).toMatch(new RegExp(`^\\| ${id} \\|`, 'm'));
  });

  it('csv and md from the CLI (explain and solve)', { timeout: 120_000 }, () => {
    const e = parley('explain', 'tests/fixtures/uncertain.yaml', '-r', '3', '-f', 'md');
    const s = parley('solve', 'tests/fixtures/uncertain.yaml', '-f', 'csv');
    expect([e.status, s.status, e.stderr, s.stderr]).toEqual([0, 0, '', '']);
    expect(e.stdout).toContain('**The talks**');
    expect(s.stdout).toBe(renderSolveCsv(r));
  });
});
