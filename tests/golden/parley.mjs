// Runs the built CLI on each case, two processes at a time, and returns each one's stdout (it fails on a non-zero exit).
import { spawn } from 'node:child_process';

/** @param {{file: string, args: string[]}[]} cases */
export async function runParley(cases, concurrency = 2) {
  const outputs = new Array(cases.length);
  let next = 0;
  const one = (c) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['dist/cli/main.js', ...c.args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [], err = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => err.push(d));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`parley ${c.args.join(' ')} exited ${code}: ${Buffer.concat(err)}`)),
      );
    });
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      outputs[i] = await one(cases[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outputs;
}
