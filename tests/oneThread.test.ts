import { describe, expect, it } from 'vitest';
import { oneThread } from '../src/cli/oneThread.js';

describe('which command lines compute on one thread (the bin then starts node with 4 MB semi-spaces)', () => {
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
