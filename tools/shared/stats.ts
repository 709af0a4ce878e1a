/** Latency and throughput figures for the load tools. */
export interface RunFigures {
  count: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Set by an open-loop (paced) run: whether the load generator itself kept to its schedule. */
  generator?: GeneratorHealth;
}

export interface GeneratorHealth {
  /** How late operations started against their schedule: the generator's own event loop. */
  startLagP99Ms: number;
  /** The most operations open at once. */
  maxInFlight: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function figures(latenciesMs: number[], seconds: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/**
 * Runs `total` operations with at most `concurrency` in flight and times each one. An operation
 * that throws stops the run: a benchmark that counts failures as throughput lies.
 */
export async function runConcurrently(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const t0 = process.hrtime.bigint();
      await operation(index);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return figures(latencies, Number(process.hrtime.bigint() - started) / 1e9);
}

/** Calls `operation` in a tight loop for about `ms` and returns operations per second. */
export function loopRate(ms: number, operation: () => void): number {
  // Warm up so the JIT and key parsing are not in the figure.
  for (let i = 0; i < 50; i++) operation();
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    operation();
    count++;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}
