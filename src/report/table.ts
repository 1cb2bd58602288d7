import Table from 'cli-table3';

/** The widest a terminal table is drawn by default: it fits a 100-column pane (`--wide` lifts it). */
export const DEFAULT_TABLE_WIDTH = 100;

let tableWidth = DEFAULT_TABLE_WIDTH;

/** Sets the width tables are fitted to (Infinity: each column as wide as its content; the CLI's --wide). */
export function setTableWidth(columns: number): void {
  tableWidth = columns;
}

/** The narrowest a column is squeezed to (a number such as 0.7240 still fits on one line). */
const MIN_COLUMN = 6;

const widthOf = (cell: unknown) => Math.max(...String(cell ?? '').split('\n').map((l) => [...l].length));

/**
 * Content widths that fit `budget` characters in all: the widest columns are
 * cut to a common cap, the narrow ones keep their width (water-filling).
 */
export function fitColumns(natural: number[], budget: number): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= budget) return natural;
  const sorted = [...natural].sort((a, b) => a - b);
  let cap = MIN_COLUMN;
  for (let c = sorted[sorted.length - 1]; c >= MIN_COLUMN; c--)
    if (natural.reduce((a, w) => a + Math.min(w, c), 0) <= budget) {
      cap = c;
      break;
    }
  return natural.map((w) => Math.min(w, cap));
}

/** A column squeezed narrower than this (or its content, if narrower) is hard to read: the table is split instead. */
const READABLE = 10;

/**
 * When the columns cannot all be read within the table width, groups of the
 * non-key columns (their indices) that can, each to be drawn after the key
 * columns (a sweep's parameters, a table's first column); one group when the
 * table fits as it is.
 */
function columnGroups(natural: number[], keys: number): number[][] {
  const n = natural.length;
  const squeezed = fitColumns(natural, tableWidth - 3 * n - 1).some((w, j) => w < Math.min(natural[j], READABLE));
  if (!squeezed || n - keys < 2) return [Array.from({ length: n - keys }, (_, j) => j + keys)];
  const keyWidth = natural.slice(0, keys).reduce((a, w) => a + Math.min(w, 24) + 3, 1);
  const groups: number[][] = [[]];
  let used = keyWidth;
  for (let j = keys; j < n; j++) {
    const w = Math.min(natural[j], 16) + 3;
    if (groups[groups.length - 1].length > 0 && used + w > tableWidth) [groups[groups.length], used] = [[], keyWidth];
    groups[groups.length - 1].push(j);
    used += w;
  }
  return groups;
}

/**
 * Breaks one cell's text into lines of at most `width` characters: after a
 * space, `_`, `.`, `-`, `/` or `,` where it can, inside a word only when a
 * word alone is wider (a header such as `value_ukraine` becomes `value_` /
 * `ukraine`, never `value_u…`).
 */
export function wrapCell(text: string, width: number, breaks = [' ', '_', '.', '-', '/', ',']): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const out: string[] = [];
      let rest = line;
      while ([...rest].length > width) {
        const head = [...rest].slice(0, width + 1).join('');
        // A space first (numbers such as 0.059 are never split at their point when a space will do), then the others.
        const space = breaks.includes(' ') ? head.lastIndexOf(' ', width) : -1;
        // A point between digits (20.6712) is not a place to break.
        const breakAt = (c: string) => {
          for (let i = head.lastIndexOf(c, width - 1); i > 0; i = head.lastIndexOf(c, i - 1)) if (!(c === '.' && /\d/.test(head[i + 1] ?? ''))) return i;
          return -1;
        };
        const at = space > 0 ? space : Math.max(...breaks.map(breakAt));
        const cut = at > 0 ? (rest[at] === ' ' ? at : at + 1) : width;
        out.push(rest.slice(0, cut).trimEnd());
        rest = rest.slice(cut).trimStart();
      }
      return [...out, rest];
    })
    .join('\n');
}

/** A line of text (a report's title) wrapped at spaces to the table width. */
export function fitLine(text: string): string {
  return Number.isFinite(tableWidth) ? wrapCell(text, tableWidth, [' ']) : text;
}

/**
 * A box-drawn table fitted to the table width: when its columns are wider in
 * all, the widest are wrapped (wrapCell) so that the whole table fits;
 * `widths` (columns' widths with their padding) asks for narrower columns than
 * the content; `compact` drops the rules between body rows.
 */
export function drawTable(head: string[], rows: unknown[][], opts: { compact?: boolean; widths?: number[]; keys?: number } = {}): string {
  const n = head.length;
  const text = (c: unknown) => (c === null || c === undefined ? '' : String(c));
  const natural = head.map((h, j) => Math.max(widthOf(h), ...rows.map((r) => widthOf(r[j]))));
  const groups = opts.widths ? [] : columnGroups(natural, opts.keys ?? 1);
  if (groups.length > 1) {
    const keys = Array.from({ length: opts.keys ?? 1 }, (_, j) => j);
    const part = (g: number[]) => drawTable([...keys, ...g].map((j) => head[j]), rows.map((r) => [...keys, ...g].map((j) => r[j])), { ...opts, keys: keys.length });
    return groups.map(part).join('\n');
  }
  // Each column has a space of padding on either side and a border after it, plus the left border.
  const wanted = opts.widths ? opts.widths.map((w, j) => Math.min(w - 2, natural[j])) : natural;
  const fitted = fitColumns(wanted, tableWidth - 3 * n - 1);
  const chars = opts.compact ? { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } : {};
  const t = new Table({ head: head.map((h, j) => wrapCell(h, fitted[j])), style: { head: [], border: [] }, chars });
  t.push(...rows.map((r) => r.map((c, j) => wrapCell(text(c), fitted[j]))));
  return t.toString();
}

/** A terminal report's text lines (not its tables) wrapped at spaces to the table width, each continuation indented by two. */
export function fitText(text: string): string {
  if (!Number.isFinite(tableWidth)) return text;
  return text
    .split('\n')
    .map((l) => (/^[┌│└├]/.test(l) || [...l].length <= tableWidth ? l : wrapCell(l, tableWidth - 2, [' ']).replaceAll('\n', '\n  ')))
    .join('\n');
}
