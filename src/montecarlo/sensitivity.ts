import { isDrawn, modelParams, sampleParam } from '../model/params.js';
import type { Model } from '../model/types.js';
import { streamFor } from '../rng/stream.js';
import { inDomain, type Domain } from '../scenario/numbers.js';

/** A parameter to vary, with the low and high values it is held at. */
export interface SensitivityTarget {
  path: string;
  /** 'p10/p90' for a distribution, '±20%' for a fixed number. */
  basis: string;
  low: number;
  high: number;
}

const SAMPLES = 20_000;

/** Pulls x back inside a domain (an open end by a hair), e.g. a discount of 1.02 → 0.999999. */
function clampToDomain(x: number, d: Domain): number {
  const eps = 1e-6;
  if (d.min !== undefined && !inDomain(x, { min: d.min, open: d.open })) x = d.open ? d.min + eps : d.min;
  if (d.max !== undefined && !inDomain(x, { max: d.max, open: d.open })) x = d.open ? d.max - eps : d.max;
  return x;
}

/**
 * The low and high value of each parameter: the 10th and 90th percentiles of
 * its distribution (estimated from 20,000 draws of a fixed stream, truncated
 * to the domain like real draws), or ±20% of a fixed number, clamped to the
 * parameter's domain. Fixed zeros (weights of issues a party ignores) and the
 * no-deal option of an options issue are skipped.
 */
export function sensitivityTargets(model: Model, opts: { includeFixed: boolean }): SensitivityTarget[] {
  return modelParams(model).flatMap((p): SensitivityTarget[] => {
    if (isDrawn(p)) {
      const rng = streamFor(0, 0, `draw:sensitivity:${p.path}`);
      // Redrawn like a run's draw, and given up on like one (a distribution that hardly ever lands in its domain).
      const xs = Array.from({ length: SAMPLES }, () => sampleParam(p, rng));
      xs.sort((a, b) => a - b);
      return [{ path: p.path, basis: 'p10/p90', low: xs[Math.floor(0.1 * SAMPLES)], high: xs[Math.floor(0.9 * SAMPLES)] }];
    }
    // An options issue's no-deal state is an option (its position), not a number to move by 20%.
    const option = model.issues.some((i) => i.kind === 'options' && p.path === `nodeal.state.${i.id}`);
    if (!opts.includeFixed || p.fixed === 0 || option) return [];
    const x = p.fixed as number;
    return [{ path: p.path, basis: '±20%', low: clampToDomain(x * 0.8, p.domain), high: clampToDomain(x * 1.2, p.domain) }];
  });
}
