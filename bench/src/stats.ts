/** A sample of repeated measurements, summarised as median with spread. */
export interface Summary {
  n: number
  median: number
  min: number
  max: number
  p25: number
  p75: number
}

/** Linear-interpolated percentile (0-100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const at = ((sorted.length - 1) * p) / 100
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo)
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

export function summarize(values: number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    p25: percentile(values, 25),
    p75: percentile(values, 75),
  }
}

/** `12.3 (11.9–12.8, n=5)`: median, then min–max of the runs. */
export function fmt(values: number[] | Summary, digits = 1, unit = ''): string {
  const s = Array.isArray(values) ? summarize(values) : values
  if (s.n === 0) return 'n/a'
  const f = (x: number): string => x.toFixed(digits)
  if (s.n === 1) return `${f(s.median)}${unit} (n=1)`
  return `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)}, n=${s.n})`
}

/** Milliseconds since `start` (a performance.now() reading). */
export function since(start: number): number {
  return performance.now() - start
}
