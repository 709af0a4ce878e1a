import { LocalTimeBuckets } from '../src/aggregates/local-time';
import { issued } from './report-fixtures';
import { ReportingHarness } from './reporting-harness';

/** Reads Server-Sent Events from a fetch body, one parsed `data:` payload at a time. */
async function* sseEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) yield JSON.parse(data) as Record<string, unknown>;
    }
  }
}

describe('reporting-service live feed (Server-Sent Events)', () => {
  const harness = new ReportingHarness();
  let baseUrl = '';

  beforeAll(async () => {
    await harness.setUp();
    await harness.caughtUp();
    await harness.app.listen(0, '127.0.0.1');
    baseUrl = await harness.app.getUrl();
  }, 60000);

  afterAll(() => harness.tearDown());

  it('pushes today’s totals at once and again after a batch applies, with the token in the URL', async () => {
    const abort = new AbortController();
    const res = await fetch(
      `${baseUrl}/v1/reports/stream?access_token=${encodeURIComponent(harness.official)}`,
      { signal: abort.signal },
    );
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      if (!res.body) throw new Error('no body');
      const feed = sseEvents(res.body);
      const first = (await feed.next()).value as Record<string, unknown>;
      const today = new LocalTimeBuckets('Asia/Shanghai').today();
      expect(first).toMatchObject({ from: today, to: today });

      await harness.send([issued({ at: new Date(), tonnageKg: 2_500 })]);
      let next = first;
      while (next.passesIssued === first.passesIssued) {
        const pushed = await feed.next();
        if (pushed.done) throw new Error('the feed ended');
        next = pushed.value;
      }
      expect(next.passesIssued).toBe((first.passesIssued as number) + 1);
      expect(BigInt(String(next.tonnageDeclared).replace('.', ''))).toBe(
        BigInt(String(first.tonnageDeclared).replace('.', '')) + 2_500n,
      );
    } finally {
      abort.abort();
    }
  });

  it('refuses the feed without a token', async () => {
    const res = await fetch(`${baseUrl}/v1/reports/stream`);
    expect(res.status).toBe(401);
  });
});
