/** `12s`, `3m05s`, `1h02m`: a duration for a progress line. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress line: `label [#####.....] 4,000/10,000 · 1,850 runs/s · ETA 3s`,
 * cut to `columns` characters so that a narrow terminal never wraps it (a
 * wrapped line cannot be redrawn in place). The bar narrows first.
 */
export function progressLine(label: string, done: number, total: number, elapsedMs: number, columns = 80): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = done >= total ? `done in ${shortDuration(elapsedMs)}` : rate > 0 ? `ETA ${shortDuration(((total - done) / rate) * 1000)}` : 'ETA …';
  const tail = ` ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} · ${Math.round(rate).toLocaleString('en-US')} runs/s · ${eta}`;
  const room = columns - 1 - label.length - tail.length - 3;
  const width = Math.max(0, Math.min(30, room));
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  const bar = width >= 5 ? ` [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : '';
  return `${label}${bar}${tail}`.slice(0, Math.max(1, columns - 1));
}
