import { figures, percentile, type RunFigures } from '../shared/stats';

/**
 * Starts `total` operations at a steady `perSecond`, whether or not earlier ones have finished
 * (an open loop, like checkpoints that scan when trucks arrive), and times each from its
 * scheduled start, so queueing behind a slow server counts in the latency. Saturation
 * throughput (runConcurrently with many in flight) says how much the stack carries; this says
 * how fast it answers at a given load. An operation that throws stops the run. The figures also
 * say how late the generator started operations and how many were open at once, so a slow load
 * generator is not mistaken for a slow service.
 */
export async function runAtRate(
  total: number,
  perSecond: number,
  operation: (index: number) => Promise<void>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const intervalMs = 1000 / perSecond;
  const started = performance.now();
  const startLags: number[] = [];
  const inFlight: Promise<void>[] = [];
  let open = 0;
  let maxInFlight = 0;
  let failure: Error | undefined;
  for (let i = 0; i < total && failure === undefined; i++) {
    const scheduledAt = started + i * intervalMs;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    startLags.push(Math.max(0, performance.now() - scheduledAt));
    maxInFlight = Math.max(maxInFlight, ++open);
    inFlight.push(
      operation(i).then(
        () => {
          open -= 1;
          latencies.push(performance.now() - scheduledAt);
        },
        (error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(JSON.stringify(error));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return {
    ...figures(latencies, (performance.now() - started) / 1000),
    generator: {
      startLagP99Ms: percentile(
        startLags.sort((a, b) => a - b),
        99,
      ),
      maxInFlight,
    },
  };
}
