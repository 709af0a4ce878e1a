import { Agent, request } from 'node:http';

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  /** The raw body, for non-JSON answers (SVG, PNG, CSV). */
  raw: Buffer;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /**
   * Safe to send twice (a GET, an application with its Idempotency-Key, a scan with its
   * clientScanId): a connection reset mid-request is then retried too.
   */
  idempotent?: boolean;
  /** Sent as it is instead of `body` (malformed JSON, other media types); set content-type in `headers`. */
  rawBody?: string | Buffer;
  /** A 2xx answer is taken at its status and headers and the connection dropped (a live stream). */
  headersOnly?: boolean;
}

/**
 * A small keep-alive HTTP client for the load tools. node:http directly, because fetch's
 * per-request overhead would make the load generator, not the service, the bottleneck.
 */
export class HttpClient {
  private readonly agent: Agent;

  /**
   * @param retryUnavailableMs how long to keep retrying answers that certainly were not processed
   *   (connection refused, 503 from a starting or stopping service); 0 fails at once. A reset
   *   mid-request is retried only for idempotent requests: the server may have committed it.
   * @param localAddress the loopback address to send from (127.0.0.x), so that a tool's traffic
   *   is told apart from a person's by the services' per-address limits.
   */
  constructor(
    readonly baseUrl: string,
    maxSockets = 128,
    private readonly retryUnavailableMs = 0,
    localAddress?: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, localAddress });
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    const deadline = Date.now() + this.retryUnavailableMs;
    for (;;) {
      try {
        const response = await this.once<T>(method, path, options);
        if (response.status !== 503 || Date.now() >= deadline) return response;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const idempotent = options.idempotent ?? method === 'GET';
        const retryable =
          code === 'ECONNREFUSED' || (idempotent && (code === 'ECONNRESET' || code === 'EPIPE'));
        if (!retryable || Date.now() >= deadline) throw error;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private once<T>(method: string, path: string, options: RequestOptions): Promise<HttpResponse<T>> {
    const url = new URL(path, this.baseUrl);
    const json = options.body === undefined ? undefined : JSON.stringify(options.body);
    const payload = options.rawBody ?? json;
    const headers: Record<string, string> = {};
    if (json !== undefined && options.rawBody === undefined)
      headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent, timeout: 30000 }, (res) => {
        if (options.headersOnly && (res.statusCode ?? 0) < 300) {
          const raw = Buffer.alloc(0);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: undefined as T, raw });
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const type = String(res.headers['content-type'] ?? '');
          let body: unknown = undefined;
          try {
            if (type.includes('json') && raw.length > 0) body = JSON.parse(raw.toString('utf8'));
          } catch (error) {
            reject(
              new Error(
                `${method} ${path}: the answer is not the JSON it claims (${String(error)})`,
              ),
            );
            return;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T, raw });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throws with the service's own error code and message unless the status is the expected one. */
export function expectStatus<T>(
  response: HttpResponse<T>,
  expected: number | number[],
  what: string,
): HttpResponse<T> {
  const ok = Array.isArray(expected) ? expected : [expected];
  if (!ok.includes(response.status)) {
    const detail = response.raw.toString('utf8').slice(0, 500);
    throw new Error(`${what}: HTTP ${response.status} ${detail}`);
  }
  return response;
}
