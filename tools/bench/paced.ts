import { figures, type RunFigures } from '../shared/stats';

/**
 * Starts `total` operations at a steady `perSecond`, whether or not earlier ones have finished
 * (an open loop, like checkpoints that scan when trucks arrive), and times each from its
 * scheduled start, so queueing behind a slow server counts in the latency. Saturation
 * throughput (runConcurrently with many in flight) says how much the stack carries; this says
 * how fast it answers at a given load. An operation that throws stops the run.
 */
export async function runAtRate(
  total: number,
  perSecond: number,
  operation: (index: number) => Promise<void>,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const intervalMs = 1000 / perSecond;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let failure: Error | undefined;
  for (let i = 0; i < total && failure === undefined; i++) {
    const scheduledAt = started + i * intervalMs;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      operation(i).then(
        () => {
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
  return figures(latencies, (performance.now() - started) / 1000);
}
