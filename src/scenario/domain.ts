/** The values a number field accepts; a distribution's support must lie inside it (a normal: its mean, and 1% of its draws). */
export interface Domain {
  min?: number;
  max?: number;
  /** Whether min / max themselves are excluded (e.g. a discount factor is in (0, 1)). */
  open?: boolean;
}

/** "a number >= 0", "a number in (0, 1)": the wording of a domain in error messages. */
export function describeDomain(d: Domain): string {
  const { min, max, open } = d;
  if (min !== undefined && max !== undefined) return `a number in ${open ? '(' : '['}${min}, ${max}${open ? ')' : ']'}`;
  if (min !== undefined) return `a number ${open ? '>' : '>='} ${min}`;
  if (max !== undefined) return `a number ${open ? '<' : '<='} ${max}`;
  return 'a number';
}

/** Whether the field is a share, a number in [0, 1] with both ends allowed: the fields that accept a percentage. */
export const isShare = (d: Domain): boolean => d.min === 0 && d.max === 1 && d.open !== true;

/** Whether x lies in the domain. */
export function inDomain(x: number, d: Domain): boolean {
  if (!Number.isFinite(x)) return false;
  if (d.min !== undefined && (d.open ? x <= d.min : x < d.min)) return false;
  if (d.max !== undefined && (d.open ? x >= d.max : x > d.max)) return false;
  return true;
}
