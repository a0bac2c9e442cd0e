/** Median with min and max over repetitions: what every figure in the report is. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** 3 significant digits, with a unit-aware scale for big numbers (ns -> us -> ms, bytes -> KB -> MB). */
export function formatValue(value: number, unit: string): string {
  const sig = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (unit.startsWith('ns')) {
    if (value >= 1e6) return `${sig(value / 1e6)} ms`;
    if (value >= 1e4) return `${sig(value / 1e3)} us`;
    return `${sig(value)} ns`;
  }
  if (unit.startsWith('bytes')) {
    if (value >= 1024 * 1024) return `${sig(value / 1024 / 1024)} MB`;
    if (value >= 1024 * 10) return `${sig(value / 1024)} KB`;
    return `${sig(value)} B`;
  }
  return `${sig(value)} ${unit}`;
}

export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '-';
  return ratio >= 100 ? `${ratio.toFixed(0)}x` : ratio >= 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(2)}x`;
}
