// A fixed-size latency histogram (0.05 ms buckets below 10 ms, then 1 % wide) so generators can
// count millions of arrivals and the coordinator can add their counts together.
const LINEAR_MS = 10;
const LINEAR_STEP = 0.05;
const LINEAR_BUCKETS = LINEAR_MS / LINEAR_STEP;
const GROWTH = Math.log(1.01);
const SIZE = LINEAR_BUCKETS + 1200;

export class Histogram {
  counts = new Array<number>(SIZE).fill(0);
  total = 0;
  max = 0;

  add(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const i =
      v < LINEAR_MS ? Math.floor(v / LINEAR_STEP) : LINEAR_BUCKETS + Math.floor(Math.log(v / LINEAR_MS) / GROWTH);
    this.counts[Math.min(SIZE - 1, i)]!++;
    this.total++;
    if (v > this.max) this.max = v;
  }

  merge(other: { counts: number[]; total: number; max: number }): void {
    for (let i = 0; i < SIZE; i++) this.counts[i]! += other.counts[i] ?? 0;
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  /** Upper edge of the bucket holding the p-th percentile. */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const upper =
          i < LINEAR_BUCKETS ? (i + 1) * LINEAR_STEP : LINEAR_MS * Math.exp((i - LINEAR_BUCKETS + 1) * GROWTH);
        return Math.min(upper, this.max);
      }
    }
    return this.max;
  }

  summary(): { p50: number; p95: number; p99: number; max: number; samples: number } {
    const r = (x: number) => Math.round(x * 100) / 100;
    return {
      p50: r(this.percentile(50)),
      p95: r(this.percentile(95)),
      p99: r(this.percentile(99)),
      max: r(this.max),
      samples: this.total,
    };
  }
}

export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
