/**
 * The recipes in deploy/ (issue 18, item 2): the Kubernetes manifests parse and hang together
 * (an Indexed Job whose `--shard auto/N` matches its completions, writing to the volume the merge
 * Job reads), the Dockerfile copies what exists, and the Slurm scripts run as written under a
 * stand-in sbatch (tests/fixtures/fake-slurm) that gives each task Slurm's environment: the merged
 * output is the one-machine bytes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const KUBE = resolve('deploy/kubernetes');
const CLI = resolve('dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'parley-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Doc = { apiVersion?: string; kind?: string; metadata?: { name?: string }; spec?: Record<string, any> };
const docs: { file: string; doc: Doc }[] = readdirSync(KUBE)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(KUBE, file), 'utf8')).map((d) => {
      expect(d.errors, file).toEqual([]);
      return { file, doc: d.toJS() as Doc };
    }),
  );
const jobs = docs.filter((d) => d.doc.kind === 'Job');
const claims = new Set(docs.filter((d) => d.doc.kind === 'PersistentVolumeClaim').map((d) => d.doc.metadata?.name));

describe('deploy/kubernetes', () => {
  it('every manifest has apiVersion, kind and a name; Jobs are batch/v1 with containers that name an image', () => {
    expect(docs.length).toBeGreaterThanOrEqual(3);
    for (const { file, doc } of docs) {
      expect(doc.apiVersion, file).toMatch(/^(v1|batch\/v1)$/);
      expect(doc.metadata?.name, file).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    for (const { file, doc } of jobs) {
      expect(doc.apiVersion, file).toBe('batch/v1');
      const pod = doc.spec?.template?.spec;
      expect(['Never', 'OnFailure'], file).toContain(pod.restartPolicy);
      expect(pod.containers.length, file).toBeGreaterThan(0);
      for (const c of pod.containers) expect([c.name, c.image], file).toEqual([expect.any(String), expect.any(String)]);
      // Every volume a Job mounts is a claim defined beside it.
      for (const v of pod.volumes ?? []) expect(claims, file).toContain(v.persistentVolumeClaim?.claimName);
    }
  });

  it('the shard Job is Indexed, its --shard auto/N matches its completions, and it writes where the merge Job reads', () => {
    const shard = jobs.find((j) => j.doc.spec?.completionMode === 'Indexed');
    const merge = jobs.find((j) => j !== shard);
    expect(shard && merge).toBeTruthy();
    const spec = shard!.doc.spec!;
    const c = spec.template.spec.containers[0];
    const args: string[] = c.args;
    expect(['run', 'compare', 'sweep', 'sensitivity']).toContain(args[0]);
    expect(args[args.indexOf('--shard') + 1]).toBe(`auto/${spec.completions}`);
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions);
    const partial = args[args.indexOf('--partial') + 1];
    expect(partial).toContain('$(JOB_COMPLETION_INDEX)');
    const mount = c.volumeMounts[0].mountPath as string;
    expect(partial.startsWith(`${mount}/`)).toBe(true);
    // The scenario is one the image carries (deploy/Dockerfile copies scenarios/ to /app/scenarios).
    expect(existsSync(resolve(args[1].replace(/^\/app\//, '')))).toBe(true);
    const m = merge!.doc.spec!.template.spec.containers[0];
    expect(m.volumeMounts[0].mountPath).toBe(mount);
    expect(m.args.join(' ')).toContain(`parley merge ${mount}/shard-*.json`);
    expect(merge!.doc.spec!.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(spec.template.spec.volumes[0].persistentVolumeClaim.claimName);
  });

  it('the Dockerfile copies files that exist and links the bin package.json declares', () => {
    const docker = readFileSync('deploy/Dockerfile', 'utf8');
    const copied = [...docker.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1].split(' '));
    for (const f of copied) expect(existsSync(f), f).toBe(true);
    const bin = JSON.parse(readFileSync('package.json', 'utf8')).bin.parley as string;
    expect(docker).toContain(`ln -s /app/${bin} /usr/local/bin/parley`);
  });
});

describe('deploy/slurm under a stand-in sbatch', () => {
  const env = { ...process.env, PATH: `${resolve('tests/fixtures/fake-slurm')}:${process.env.PATH}`, PARLEY: `${process.execPath} ${CLI}`, FAKE_SLURM_STATE: dir };
  const args = ['run', resolve('scenarios/default.yaml'), '-n', '500', '-s', '4', '-f', 'json'];

  it('submit.sh: 3 array tasks (one with no units), then the merge, give the one-machine bytes', () => {
    const r = spawnSync('bash', [resolve('deploy/slurm/submit.sh'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...env, SHARDS: '3', OUT: 'result.json' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^submitted: shards job \d+ \(0-2\), merge job \d+ -> result\.json\n$/);
    expect(readdirSync(join(dir, 'partials')).sort()).toEqual(['shard-0.json', 'shard-1.json', 'shard-2.json']);
    const one = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).stdout;
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe(one);
  });

  it('an array numbered from 1 is refused before any work', () => {
    const r = spawnSync('bash', [resolve('deploy/slurm/shard.sbatch'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '3' },
    });
    expect([r.status, r.stderr]).toEqual([2, 'parley shard: the array starts at 1; number it from 0 (--array=0-2)\n']);
  });
});
