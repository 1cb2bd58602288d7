/**
 * A run's value accounting (PRODUCT.md "Time and payoffs"): each party's value is
 * (1 − δ)·Σ δ^t·payoff_t, where a round without a deal pays the no-deal flow and a deal pays its
 * terms' utility from its round on.
 *
 * When the flows cannot move during the run (`constant`: no moving world, no mechanism that moves them),
 * the sum is the exact geometric one, (1 − δ^t)·d + δ^t·u; otherwise the flows paid are summed round by
 * round, with the discount as it stands each round (an event may change it).
 */
export class ValueAccount {
  private readonly acc: Float64Array;
  private readonly weight: Float64Array;
  private rounds = 0;

  constructor(
    private readonly n: number,
    private readonly constant: boolean,
  ) {
    this.acc = new Float64Array(n);
    this.weight = new Float64Array(n).fill(1);
  }

  /** A round without a deal: each party is paid its flow, discounted by its δ of this round. */
  pay(flows: ArrayLike<number>, discount: ArrayLike<number>): void {
    this.rounds++;
    if (this.constant) return;
    for (let i = 0; i < this.n; i++) {
      const d = discount[i];
      this.acc[i] += this.weight[i] * (1 - d) * flows[i];
      this.weight[i] *= d;
    }
  }

  /**
   * A one-off loss this round, on the value scale (what a deal's collapse costs beyond the war's flows):
   * a loss c is worth as much as losing c every round from now on, so it weighs δ^t·c.
   */
  charge(costs: ArrayLike<number>): void {
    for (let i = 0; i < this.n; i++) this.acc[i] -= this.weight[i] * costs[i];
  }

  /** The values of a deal worth `utils` from this round on (`flows`, `discount`: the constant ones, when constant). */
  deal(utils: ArrayLike<number>, flows: ArrayLike<number>, discount: ArrayLike<number>): Float64Array {
    const values = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      if (this.constant) {
        const lag = Math.pow(discount[i], this.rounds);
        values[i] = (1 - lag) * flows[i] + lag * utils[i];
      } else values[i] = this.acc[i] + this.weight[i] * utils[i];
    }
    return values;
  }

  /** The values of no deal in the window: scored as no deal from then on at `flows`. */
  noDeal(flows: ArrayLike<number>): Float64Array {
    const values = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) values[i] = this.constant ? flows[i] : this.acc[i] + this.weight[i] * flows[i];
    return values;
  }
}
