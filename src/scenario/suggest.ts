/**
 * "Did you mean …": the closest known name to a misspelt one, by the
 * optimal-string-alignment distance (Damerau–Levenshtein without repeated edits
 * of one substring: an insertion, a deletion, a substitution or a swap of two
 * neighbours each count 1, so `unifrom` is 1 from `uniform`).
 */

/** The number of single-character edits (insert, delete, substitute, swap neighbours) from a to b. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/**
 * The known name closest to `word`, or undefined when none is close: within
 * a third of the longer name's length (at least 1 edit) and more than 40% of
 * it unchanged, case ignored (ties: the first in `known`'s order).
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k === word) continue;
    const dist = editDistance(word.toLowerCase(), k.toLowerCase());
    const longer = Math.max(word.length, k.length);
    // Close: at most a third of the name edited (at least one edit), and more than 40% of it kept (commander's rule: "z" is not "a").
    const close = dist <= Math.max(1, Math.floor(longer / 3)) && (longer - dist) / longer > 0.4;
    if (close && dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return best;
}

/** `; did you mean "uniform"?`, or nothing when no known name is close. */
export function didYouMean(word: string, known: readonly string[]): string {
  const c = closest(word, known);
  return c === undefined ? '' : `; did you mean "${c}"?`;
}

/** `unknown party "usa" (parties are: us, russia); did you mean "us"?` */
export function unknownName(kind: 'party' | 'issue' | 'option', word: string, known: readonly string[]): string {
  const plural = kind === 'party' ? 'parties' : `${kind}s`;
  return `unknown ${kind} "${word}" (${plural} are: ${known.join(', ')})${didYouMean(word, known)}`;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*(?:to|\.\.|-|–|—)\s*(${NUMBER})$`, 'i');
const PERCENT = new RegExp(String.raw`^(${NUMBER})\s*%$`);

/**
 * The fix for a common slip where a number was expected: a range written in
 * words (`0.5 - 0.8`; `0.5 to 0.8` is a 90% interval where a distribution is accepted), a percentage (`30%`), or a number in quotes. Empty
 * when the text is none of these.
 */
export function slipHint(input: unknown): string {
  if (typeof input !== 'string') return '';
  const t = input.trim();
  const range = RANGE.exec(t);
  if (range) return ` (for a 90% interval write "${Number(range[1])} to ${Number(range[2])}"; for a value drawn uniformly between the two, {uniform: [${Number(range[1])}, ${Number(range[2])}]})`;
  const pct = PERCENT.exec(t);
  if (pct) return ` (a share is written as a number: ${Number((Number(pct[1]) / 100).toPrecision(12))} for ${pct[1]}%)`;
  if (new RegExp(`^${NUMBER}$`, 'i').test(t)) return ` (write the number without quotes: ${Number(t)})`;
  return '';
}
