// Benchmark results: one shape for every benchmark, compared with the raw floor measured in the
// same run. `ratio` is value / floor; `target` is the largest acceptable ratio, or null.

/**
 * @typedef {{ name: string, value: number, unit: string, floor: number, ratio: number, target: number | null }} Result
 */

/** @param {number} value @param {number} floor */
export function ratioOf(value, floor) {
  return floor > 0 ? value / floor : Number.NaN;
}

/** @param {Result} r */
export function verdict(r) {
  if (r.target === null) return '';
  return r.ratio <= r.target ? 'ok' : 'MISSED';
}

/** @param {number} value */
function number(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * A plain-text table (also valid Markdown) of the results.
 * @param {Result[]} results
 */
export function formatTable(results) {
  const header = ['benchmark', 'value', 'unit', 'floor', 'ratio', 'target', ''];
  const rows = results.map((r) => [
    r.name,
    number(r.value),
    r.unit,
    number(r.floor),
    `${r.ratio.toFixed(2)}×`,
    r.target === null ? '—' : `≤ ${r.target}×`,
    verdict(r),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const right = new Set([1, 3, 4]);
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(Math.max(1, w - 1))}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
