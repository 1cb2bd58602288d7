import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { playMechanism } from '../src/engine/engine.js';
import { explainRun } from '../src/api/explain.js';
import { renderTranscript } from '../src/report/transcript.js';
import { scenario } from './helpers.js';

const uncertain = readFileSync('tests/fixtures/uncertain.yaml', 'utf8');

describe('explain', () => {
  it('ends each run as `run` does, the end reason included (default, seed 1: runs 0, 2 and 5 have no bargaining range)', () => {
    const { model } = scenario(readFileSync('tests/fixtures/static-default.yaml', 'utf8'));
    for (const run of [0, 1, 2, 3, 4, 5]) {
      const t = explainRun(model, 1, run);
      const r = playMechanism(model, 1, run);
      expect(t.end.reason).toBe(r.end);
      expect(t.end.agreed).toBe(r.agreed);
    }
    expect([0, 2, 5].map((run) => explainRun(model, 1, run).end.reason)).toEqual(['noFeasiblePackage', 'noFeasiblePackage', 'noFeasiblePackage']);
  });

  it('replays run i exactly as the Monte Carlo plays it', () => {
    const { model } = scenario(uncertain);
    for (const run of [0, 3, 11]) {
      const t = explainRun(model, 4, run);
      const r = playMechanism(model, 4, run);
      expect(t.end.agreed).toBe(r.agreed);
      expect(t.end.round).toBe(r.agreed ? r.round : null);
      expect(Object.values(t.end.values)).toEqual(Array.from(r.values));
      // Every round before the last was refused (or had no offer); the last is the deal, if any.
      const last = t.rounds[t.rounds.length - 1];
      if (r.agreed) expect(last.replies.every((a) => a.accepted)).toBe(true);
      else expect(t.rounds).toHaveLength(model.scenario.rounds);
    }
  });

  it('reports every drawn parameter and each reply against its threshold', () => {
    const { model } = scenario(uncertain);
    const t = explainRun(model, 1, 2);
    expect(Object.keys(t.draws).sort()).toEqual(
      ['parties.east.discount', 'parties.east.reservation', 'parties.east.weights.territory', 'parties.west.reservation'].sort(),
    );
    for (const r of t.rounds) for (const a of r.replies) expect(a.accepted).toBe(a.utility >= a.needed - 1e-9);
  });

  it('reads as a story: rounds with dates, who proposed what, who accepted, the end', () => {
    const { model } = scenario(uncertain);
    const text = renderTranscript(explainRun(model, 1, 0), model.scenario.calendar);
    expect(text).toMatch(/What was drawn for this run/);
    expect(text).toMatch(/Round 1 \(2025-08-18\): \w+ (proposes territory|makes no offer)/);
    expect(text).toMatch(/The end: (a deal in round \d+|no deal within the 12-round window)/);
  });
});

describe('explain under private information', () => {
  const text = readFileSync('tests/fixtures/private-reservations.yaml', 'utf8');
  it('replays the run, marks private draws and states each bayesian proposer\'s belief', () => {
    const { model } = scenario(text);
    const t = explainRun(model, 1, 4);
    const r = playMechanism(model, 1, 4);
    expect(t.end.agreed).toBe(r.agreed);
    expect(Object.values(t.end.values)).toEqual(Array.from(r.values));
    expect(t.privateDraws.sort()).toEqual(['parties.russia.reservation', 'parties.ukraine.reservation']);
    const prose = renderTranscript(t, model.scenario.calendar);
    expect(prose).toMatch(/parties\.russia\.reservation = [\d.]+ {2}\(private: only Russia knows it; the others know its range\)/);
    // Offers tuned to the average type are refused by a tougher one before a deal, or talks end without one.
    expect(t.rounds.some((x) => x.replies.some((a) => !a.accepted))).toBe(true);
    expect(prose).toMatch(/It puts the chance that everyone accepts at \d+%\./);
  });
});

describe('explain names the owner of a private cost of war', () => {
  it('nodeal.cost.<party>: its party knows it, the others plan with its mean', () => {
    // The owner is read from the path's party id (it used to be read from the second segment: "cost").
    const { model } = scenario(readFileSync('scenarios/no-preconditions.yaml', 'utf8'));
    const prose = renderTranscript(explainRun(model, 1, 0), model.scenario.calendar);
    expect(prose).toMatch(/nodeal\.cost\.russia = [\d.]+ {2}\(private: only Russia knows it; the others plan with its mean\)/);
    expect(prose).toMatch(/nodeal\.cost\.ukraine = [\d.]+ {2}\(private: only Ukraine knows it; the others plan with its mean\)/);
    expect(prose).not.toMatch(/undefined/);
  });
});

describe('explain in a moving world', () => {
  it('replays a world run exactly and tells a walk-out: the event, its effect in words, who left and when', () => {
    const { model } = scenario(readFileSync('tests/fixtures/deadline-walkout.yaml', 'utf8'));
    // The first run (of the first 200) in which the deadline event ends the talks.
    const run = [...Array(200).keys()].find((i) => playMechanism(model, 1, i).end === 'walkedAway');
    expect(run).toBeDefined();
    const t = explainRun(model, 1, run as number);
    const r = playMechanism(model, 1, run as number);
    expect(Object.values(t.end.values)).toEqual(Array.from(r.values));
    expect(t.end.reason).toBe('walkedAway');
    expect(t.end.walkedAway?.parties).toEqual(['us']);
    expect(t.end.walkedAway?.round).toBe(t.rounds.length + 1);
    const prose = renderTranscript(t, model.scenario.calendar);
    expect(prose).toMatch(/\(event\) the three-week window is over without a summit, and the US envoys walk away: United States leaves the table\./);
    expect(prose).toMatch(/The end: in round \d+ \(\d{4}-\d\d-\d\d\) United States walked away from the table; a deal needs its signature/);
  });

  it('states where things stand without a deal and each no-deal flow when they move, and the events of each round', () => {
    const { model } = scenario(readFileSync('scenarios/no-preconditions.yaml', 'utf8'));
    // Run 6 talks for 12 rounds before its deal (most runs of this file settle in week 1).
    const t = explainRun(model, 1, 6);
    const r = playMechanism(model, 1, 6);
    expect(Object.values(t.end.values)).toEqual(Array.from(r.values));
    // Round 1 opens at the drawn state; the random walk moves the line in later rounds.
    expect(t.rounds[0].state).toEqual({ territory: 0, security: 'none', aid: 'sustained' });
    expect(new Set(t.rounds.map((x) => (x.state?.territory as number).toFixed(3))).size).toBeGreaterThan(1);
    const prose = renderTranscript(t, model.scenario.calendar);
    expect(prose).toMatch(/Where things stand without a deal when talks open: territory 0\.000, security none, aid sustained\./);
    expect(prose).toMatch(/\(no deal\) where things stand without a deal moves: territory -?\d\.\d{3} \(was -?\d\.\d{3}\)\./);
    expect(prose).toMatch(/\(no deal\) another round without a deal is now worth: [^\n]*Ukraine -?\d\.\d{3} \(was -?\d\.\d{3}\)/);
    // Every flow stated is the flow of that round.
    for (const x of t.rounds) for (const a of x.replies) expect(a.needed).toBeGreaterThanOrEqual((x.flows as Record<string, number>)[a.party] - 1e-9);
  });
});
