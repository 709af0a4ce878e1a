/**
 * A route's latency as the service itself measured it (request in to response out), read from
 * the `epass_http_request_duration_seconds` histogram of its /metrics before and after a run.
 * The load generator's figure adds what happens outside the service: its own event loop, the
 * sockets, and waiting for a core while five other processes share two. Where the two differ
 * much, the service is not what holds the latency up.
 */
export interface ServerLatency {
  count: number;
  /** Upper bounds: the histogram bucket each quantile falls in. */
  p50AtMostMs: number;
  p99AtMostMs: number;
}

type Buckets = Map<number, number>;

/** A service's /metrics and the scrape token it requires (METRICS_TOKEN). */
export interface MetricsEndpoint {
  url: string;
  token: string;
}

const BUCKET_LINE = /^epass_http_request_duration_seconds_bucket\{([^}]*)\} (\d+)$/;

export async function measureServerLatency<T>(
  service: MetricsEndpoint,
  method: string,
  route: string,
  run: () => Promise<T>,
): Promise<{ result: T; server: ServerLatency }> {
  const before = await successBuckets(service, method, route);
  const result = await run();
  const after = await successBuckets(service, method, route);
  const delta: Buckets = new Map(
    [...after].map(([le, count]) => [le, count - (before.get(le) ?? 0)]),
  );
  return { result, server: quantiles(delta) };
}

/** Cumulative counts per bucket (`le`, in seconds) of the route's 2xx answers. */
async function successBuckets(
  service: MetricsEndpoint,
  method: string,
  route: string,
): Promise<Buckets> {
  const res = await fetch(`${service.url}/metrics`, {
    headers: { authorization: `Bearer ${service.token}` },
  });
  if (!res.ok) throw new Error(`${service.url}/metrics answered ${res.status}`);
  const text = await res.text();
  const buckets: Buckets = new Map();
  for (const line of text.split('\n')) {
    const match = BUCKET_LINE.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...match[1].matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (labels.method !== method || labels.route !== route || !labels.status?.startsWith('2')) {
      continue;
    }
    const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  return buckets;
}

function quantiles(cumulative: Buckets): ServerLatency {
  const sorted = [...cumulative].sort(([a], [b]) => a - b);
  const count = sorted.at(-1)?.[1] ?? 0;
  const atMost = (q: number) => {
    const bucket = sorted.find(([, n]) => n >= q * count);
    return bucket ? bucket[0] * 1000 : NaN;
  };
  return { count, p50AtMostMs: atMost(0.5), p99AtMostMs: atMost(0.99) };
}
