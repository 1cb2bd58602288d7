import { describe, expect, it } from 'vitest';
import { oneThread, startMode, streamsRuns } from '../src/cli/oneThread.js';

describe('which command lines compute on one thread (the bin then holds its young generation small)', () => {
  const at = (line: string, cores = 2) => oneThread(line.split(' ').filter(Boolean), cores);
  it('run, sweep, compare and sensitivity: by -w, whose default is the cores', () => {
    const ones = ['run a.yaml -w 1', 'run a.yaml -w1', 'run a.yaml --workers 1', 'run a.yaml --workers=1', 'sweep a.yaml -p x=0:1:3 -w 1', 'run a.yaml -w 2 -w 1', 'compare a.yaml b.yaml -w 1', 'sensitivity a.yaml --workers=1'];
    for (const l of ones) expect(at(l), l).toBe(true);
    for (const l of ['run a.yaml', 'run a.yaml -w 2', 'run a.yaml --workers=3', 'sweep a.yaml -p x=0:1:3', 'compare a.yaml b.yaml', 'sensitivity a.yaml -w 2']) expect(at(l), l).toBe(false);
    expect(at('run a.yaml', 1)).toBe(true);
    expect(at('compare a.yaml b.yaml', 1)).toBe(true);
  });
  it('run --outer and --runs-out (run, compare, sweep) always; other commands never', () => {
    for (const l of ['run a.yaml --outer 3', 'run a.yaml --runs-out r.csv -w 2', 'compare a.yaml b.yaml --runs-out r.csv', 'sweep a.yaml --param x=1,2 --runs-out=r.jsonl']) expect(at(l), l).toBe(true);
    for (const l of ['solve a.yaml', 'explain a.yaml 3', 'ledger a.yaml', 'schema', '--version', '']) expect(at(l), l).toBe(false);
  });
});

describe('how the bin starts a command line: in this process unless it streams runs to a file', () => {
  const mode = (line: string, execArgv: string[] = [], nodeOptions?: string) => startMode(line.split(' ').filter(Boolean), execArgv, nodeOptions, 2);
  it('only --runs-out (run, sweep, compare) is re-spawned under a supervisor', () => {
    for (const l of ['run a.yaml --runs-out r.csv', 'sweep a.yaml -p x=1,2 --runs-out=r.jsonl', 'compare a.yaml b.yaml --runs-out r.csv -w 2']) {
      expect(streamsRuns(l.split(' ')), l).toBe(true);
      expect(mode(l), l).toBe('supervise');
    }
    for (const l of ['run a.yaml -w 1', 'run a.yaml --outer 3', 'run a.yaml --shard 0/2 --partial p.json', 'sensitivity a.yaml --runs-out r.csv']) expect(streamsRuns(l.split(' ')), l).toBe(false);
  });
  it('one-thread commands run in this process with a small young generation; pools and other commands as they are', () => {
    for (const l of ['run a.yaml -n 1 -w 1', 'run a.yaml --outer 3', 'sweep a.yaml -p x=0:1:3 -w 1', 'run a.yaml --shard 0/2 --partial p.json']) expect(mode(l), l).toBe('small-young');
    for (const l of ['run a.yaml -n 1', 'run a.yaml -w 2', 'solve a.yaml', 'schema', '']) expect(mode(l), l).toBe('as-given');
  });
  it('node flags or NODE_OPTIONS of your own: every command in this process, as given', () => {
    for (const l of ['run a.yaml --runs-out r.csv', 'run a.yaml -w 1']) {
      expect(mode(l, ['--cpu-prof']), l).toBe('as-given');
      expect(mode(l, [], '--max-old-space-size=4096'), l).toBe('as-given');
    }
  });
});
