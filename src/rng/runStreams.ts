import { streamFor, type Rng } from './stream.js';

/**
 * The random streams of one run, made once from (seed, run index) and handed down: who is recognised,
 * which offer a mixing proposer makes, noisy replies, the battlefield's shocks and the events' chances.
 * Each is created on first use (a run that never moves its world never hashes the battlefield's key);
 * a stream's numbers depend only on (seed, run index, purpose), so when it is created changes nothing.
 */
export class RunStreams {
  private recognitionRng: Rng | undefined = undefined;
  private playRng: Rng | undefined = undefined;
  private replyRng: Rng | undefined = undefined;
  private battlefieldRng: Rng | undefined = undefined;
  private eventsRng: Rng | undefined = undefined;
  private breakdownRng: Rng | undefined = undefined;
  /**
   * Each drawn parameter's value in this run once drawn, by path (model/params.ts `drawOnce`): the game,
   * the moving world and the bayesian beliefs read the same draws without hashing their streams again.
   */
  readonly draws = new Map<string, number>();

  constructor(
    readonly seed: number,
    readonly runIndex: number,
  ) {}

  /** Who proposes, round by round. */
  get recognition(): Rng {
    return (this.recognitionRng ??= streamFor(this.seed, this.runIndex, 'recognition'));
  }

  /** A proposer's draw from its mixed strategy. */
  get play(): Rng {
    return (this.playRng ??= streamFor(this.seed, this.runIndex, 'play'));
  }

  /** Noisy (quantal-response) replies. */
  get reply(): Rng {
    return (this.replyRng ??= streamFor(this.seed, this.runIndex, 'reply'));
  }

  /** The no-deal state's random walk. */
  get battlefield(): Rng {
    return (this.battlefieldRng ??= streamFor(this.seed, this.runIndex, 'battlefield'));
  }

  /** Whether each event fires. */
  get events(): Rng {
    return (this.eventsRng ??= streamFor(this.seed, this.runIndex, 'events'));
  }

  /** Whether a deal in force collapses, round by round. */
  get breakdown(): Rng {
    return (this.breakdownRng ??= streamFor(this.seed, this.runIndex, 'breakdown'));
  }
}
