/**
 * Horizontal bar charts as plain SVG text, for the figures of the scale benchmark: one bar per
 * measured value, a whisker from the lowest to the highest round, and dashed lines for the target
 * and the baseline. No dependency: the markup is small enough to write by hand.
 */
import { formatNumber } from "../stats";

/** One bar: the median of the rounds and, when there were several, their range. */
export interface Bar {
  label: string;
  value: number;
  min?: number;
  max?: number;
}

/** A vertical dashed line across the bars. */
export interface Marker {
  value: number;
  label: string;
}

/** What to draw. */
export interface BarChart {
  title: string;
  /** Appended to every number, e.g. `×` or ` KB`. */
  unit: string;
  bars: Bar[];
  /** The figure each bar must stay at or below, drawn red. */
  target?: Marker;
  /** What a bar is compared with (1× for a ratio), drawn grey. */
  baseline?: Marker;
  /** Significant digits of the numbers; default 3. */
  digits?: number;
}

const WIDTH = 720;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 150;
const ROW = 34;
const TOP = 58;
const BOTTOM = 40;

/** Renders `chart` as a standalone SVG document. */
export function renderBarChart(chart: BarChart): string {
  const digits = chart.digits ?? 3;
  const plotLeft = LABEL_WIDTH;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = TOP + chart.bars.length * ROW + BOTTOM;
  const extent = Math.max(
    ...chart.bars.map((bar) => Math.max(bar.value, bar.max ?? 0)),
    chart.target?.value ?? 0,
    chart.baseline?.value ?? 0,
  );
  const scaleMax = extent > 0 ? extent * 1.08 : 1;
  const x = (value: number) => plotLeft + (Math.max(0, value) / scaleMax) * plotWidth;
  const number = (value: number) => `${formatNumber(value, digits)}${chart.unit}`;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escape(chart.title)}</text>`,
  ];
  chart.bars.forEach((bar, index) => {
    const top = TOP + index * ROW;
    const middle = top + ROW / 2;
    const over = chart.target !== undefined && bar.value > chart.target.value;
    parts.push(
      `<text x="${plotLeft - 8}" y="${middle + 4}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${plotLeft}" y="${top + 7}" width="${(x(bar.value) - plotLeft).toFixed(1)}" height="${ROW - 14}" fill="${over ? "#d9534f" : "#4a7ebb"}"/>`,
    );
    if (bar.min !== undefined && bar.max !== undefined && bar.max > bar.min) {
      const [left, right] = [x(bar.min).toFixed(1), x(bar.max).toFixed(1)];
      parts.push(
        `<line x1="${left}" y1="${middle}" x2="${right}" y2="${middle}" stroke="#222" stroke-width="1.5"/>`,
        `<line x1="${left}" y1="${middle - 6}" x2="${left}" y2="${middle + 6}" stroke="#222" stroke-width="1.5"/>`,
        `<line x1="${right}" y1="${middle - 6}" x2="${right}" y2="${middle + 6}" stroke="#222" stroke-width="1.5"/>`,
      );
    }
    const range =
      bar.min !== undefined && bar.max !== undefined && bar.max > bar.min
        ? ` (${formatNumber(bar.min, digits)}–${formatNumber(bar.max, digits)})`
        : "";
    parts.push(`<text x="${WIDTH - VALUE_WIDTH + 8}" y="${middle + 4}">${escape(number(bar.value) + range)}</text>`);
  });
  const plotBottom = TOP + chart.bars.length * ROW;
  // The baseline is labelled above the bars and the target below, so that close values do not overlap.
  const markers = [
    [chart.baseline, "#888888", TOP - 10],
    [chart.target, "#c9302c", plotBottom + 20],
  ] as const;
  for (const [marker, colour, labelY] of markers) {
    if (marker === undefined) continue;
    const at = x(marker.value).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="${TOP - 4}" x2="${at}" y2="${plotBottom + 4}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="5,4"/>`,
      `<text x="${at}" y="${labelY}" text-anchor="middle" fill="${colour}">${escape(`${marker.label} ${number(marker.value)}`)}</text>`,
    );
  }
  parts.push(`<line x1="${plotLeft}" y1="${TOP - 4}" x2="${plotLeft}" y2="${plotBottom + 4}" stroke="#222"/>`, "</svg>", "");
  return parts.join("\n");
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
