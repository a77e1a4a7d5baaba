/**
 * Small statistics for benchmark rounds: percentiles of one sample, and the median and spread of a
 * figure measured once per round.
 */

/** A figure measured once per round, summarised. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many rounds it summarises. */
  count: number;
}

/**
 * The `p`-th percentile (0–100) of a sample, by the nearest-rank method: always a value that was
 * measured, never an interpolation between two.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty sample");
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0-100, got ${p}`);
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The median of a sample (the mean of the middle two for an even count). */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError("median of an empty sample");
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, lowest and highest of per-round figures. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError("spread of no rounds");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}

/** Formats a number with `digits` significant digits, without exponent notation for usual sizes. */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(decimals);
}

/** `median (min–max)`, e.g. `2.31 (2.10–2.52)`. */
export function formatSpread(value: Spread, digits = 3, suffix = ""): string {
  const body = `${formatNumber(value.median, digits)}${suffix}`;
  if (value.count < 2) return body;
  return `${body} (${formatNumber(value.min, digits)}–${formatNumber(value.max, digits)})`;
}
