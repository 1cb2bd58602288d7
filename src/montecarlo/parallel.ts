/**
 * A job cut into `units` pieces of work (chunks of runs, see jobs.ts), each
 * computed by any thread and merged strictly in unit order.
 */
export interface ChunkWork<R> {
  readonly units: number;
  /** Computes a unit on this thread. */
  compute(unit: number): R;
  /** Folds a unit's result into the job's total: called once per unit, in unit order. */
  merge(unit: number, r: R): void;
}

/** A worker thread as the schedule sees it: something that can be sent a unit to compute. */
export interface ChunkSink {
  send(unit: number): void;
}

/** One job cut into units; its owner reports each worker's messages to it. */
export interface ChunkSchedule<R> {
  /** The worker is ready for the job (its first scenario compiled): it gets two units (one to compute, one waiting in its queue). */
  ready(w: ChunkSink): void;
  /** The worker's result of one unit; it gets the next unit. */
  done(w: ChunkSink, unit: number, r: R): void;
  /** A worker failed: the job rejects with this error. */
  fail(e: unknown): void;
  /** Settles when every unit is merged (or the job failed). */
  result: Promise<void>;
}

/**
 * A job over this thread and worker threads. Its units (fixed chunks of
 * CHUNK run indices) are handed to whichever thread is free and merged
 * strictly in unit order — the order in which one thread computes them — so
 * the totals, and the JSON built from them, are byte-identical for any number
 * of workers. This thread computes units too, from the start (a worker may
 * still be loading the library or compiling the scenario). No unit is handed
 * out more than 3·threads ahead of the merge, so memory stays flat in the
 * number of runs. `threads`: this one and the workers that may report `ready`.
 */
export function scheduleChunks<R>(work: ChunkWork<R>, opts: { threads: number }): ChunkSchedule<R> {
  const units = work.units;
  const window = 3 * opts.threads;
  const pending = new Map<number, R>();
  const idle: ChunkSink[] = [];
  let next = 0;
  let merged = 0;
  let finished = false;
  let waiting = false;
  let settle!: (e?: unknown) => void;
  const result = new Promise<void>((resolve, reject) => {
    settle = (e) => {
      if (finished) return;
      finished = true;
      if (e === undefined) resolve();
      else reject(e);
    };
  });
  const accept = (unit: number, r: R) => {
    pending.set(unit, r);
    while (pending.has(merged)) {
      const r = pending.get(merged) as R;
      pending.delete(merged);
      work.merge(merged++, r);
    }
    if (merged === units) settle();
  };
  const send = (w: ChunkSink) => {
    if (finished || next >= units) return;
    if (next - merged >= window) return void idle.push(w);
    w.send(next++);
  };
  const wakeIdle = () => {
    while (idle.length > 0 && next < units && next - merged < window) send(idle.pop() as ChunkSink);
  };
  // This thread: one unit at a time, yielding between units so worker messages are handled.
  const local = (): void => {
    if (finished || next >= units) return;
    // The window is full: wait for a worker's result (`resume` restarts this loop).
    if (next - merged >= window) return void (waiting = true);
    const unit = next++;
    try {
      accept(unit, work.compute(unit));
    } catch (e) {
      return settle(e);
    }
    wakeIdle();
    setImmediate(local);
  };
  const resume = () => {
    wakeIdle();
    if (waiting) (waiting = false), setImmediate(local);
  };
  setImmediate(local);
  return {
    ready: (w) => {
      send(w);
      send(w);
      resume();
    },
    done: (w, unit, r) => {
      if (finished) return;
      try {
        accept(unit, r);
      } catch (e) {
        return settle(e);
      }
      send(w);
      resume();
    },
    fail: (e) => settle(e),
    result,
  };
}
