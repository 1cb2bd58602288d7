import { streamFor, type Rng } from './stream.js';

/**
 * The random streams of one run, made once from (seed, run index) and handed down: who is recognised,
 * which offer a mixing proposer makes, noisy replies, the battlefield's shocks and the events' chances.
 * Each is created on first use (a run that never moves its world never hashes the battlefield's key);
 * a stream's numbers depend only on (seed, run index, purpose), so when it is created changes nothing.
 */
export class RunStreams {
  private made: Partial<Record<'recognition' | 'play' | 'reply' | 'battlefield' | 'events', Rng>> = {};

  constructor(
    readonly seed: number,
    readonly runIndex: number,
  ) {}

  /** Who proposes, round by round. */
  get recognition(): Rng {
    return (this.made.recognition ??= streamFor(this.seed, this.runIndex, 'recognition'));
  }

  /** A proposer's draw from its mixed strategy. */
  get play(): Rng {
    return (this.made.play ??= streamFor(this.seed, this.runIndex, 'play'));
  }

  /** Noisy (quantal-response) replies. */
  get reply(): Rng {
    return (this.made.reply ??= streamFor(this.seed, this.runIndex, 'reply'));
  }

  /** The no-deal state's random walk. */
  get battlefield(): Rng {
    return (this.made.battlefield ??= streamFor(this.seed, this.runIndex, 'battlefield'));
  }

  /** Whether each event fires. */
  get events(): Rng {
    return (this.made.events ??= streamFor(this.seed, this.runIndex, 'events'));
  }
}
