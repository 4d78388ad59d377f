// Small statistics over measured samples (milliseconds unless said otherwise).

export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('No samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

export function summarise(samples: number[]): LatencySummary {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), samples: samples.length };
}

export interface SamplingPlan {
  iterations: number;
  /** stop early once this many milliseconds are spent and `minimum` samples are taken (slow queries at a million rows) */
  budgetMs?: number;
  minimum?: number;
  warmup?: number;
}

/** Runs `work` a few times unmeasured, then up to `iterations` times one after another; the latencies of the measured runs. */
export async function sampleLatency(work: (iteration: number) => Promise<unknown>, plan: SamplingPlan): Promise<LatencySummary> {
  const warmup = plan.warmup ?? Math.min(5, plan.iterations);
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < plan.iterations; i++) {
    const before = performance.now();
    await work(i);
    samples.push(performance.now() - before);
    if (plan.budgetMs !== undefined && performance.now() - started > plan.budgetMs && samples.length >= (plan.minimum ?? 20)) break;
  }
  return summarise(samples);
}

/** Milliseconds that `work` takes once. */
export async function timeOnce(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
