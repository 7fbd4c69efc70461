// Statistics and plain-text (markdown-style) tables for the benchmark's output.

/** The value at quantile `q` (0..1) of `values`, by nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) throw new Error('no samples: the benchmark measured nothing');
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`a sample is not a number: ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error('no samples: the benchmark measured nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds: one decimal below 100, none above. */
export const ms = (value) => (value < 100 ? value.toFixed(1) : value.toFixed(0));

/** A byte count with thousands separators. */
export const bytes = (value) => value.toLocaleString('en-US');

/** A signed byte count (growth). */
export const signedBytes = (value) => (value > 0 ? '+' : value < 0 ? '-' : '±') + bytes(Math.abs(value));

/** `values` as "median (p25–p75)" in ms. */
export const spread = (values) => `${ms(median(values))} (${ms(quantile(values, 0.25))}–${ms(quantile(values, 0.75))})`;

/**
 * A markdown-style table: `headers` and `rows` are lists of cells; columns
 * whose cells all look like numbers are right-aligned.
 */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((row) => /^[-+±]?[\d.,]+( ?[%x])?( \(.*\))?$|^$|^—$/.test(String(row[i] ?? ''))));
  const line = (row) =>
    '| ' + row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (numeric[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

/** Prints a titled table, with optional notes under it. */
export function printTable(title, headers, rows, notes = []) {
  console.log(`\n## ${title}\n`);
  console.log(table(headers, rows));
  if (notes.length) console.log('\n' + notes.map((n) => `  ${n}`).join('\n'));
}
