// @ts-check
// The live feed (GET /v1/reports/stream, server-sent events): the period's summary each time it
// changes. EventSource cannot send headers, so the access token goes in the query; the stream
// checks it when it opens.

/**
 * @param {{ session: import('/shared/common.js').Session,
 *   period: () => { from: string, to: string },
 *   onSummary: (summary: import('./api.js').Summary) => void,
 *   onLive: (live: boolean) => void, onSessionEnded: () => void }} options
 */
export function createLiveFeed({ session, period, onSummary, onLive, onSessionEnded }) {
  /** @type {EventSource | null} */
  let source = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;

  function stop() {
    source?.close();
    source = null;
    clearTimeout(retryTimer);
  }

  /** Opens the stream for the current period, closing the one before. */
  async function connect() {
    stop();
    // Open it with a token that is not about to expire.
    const token = await session.fresh().catch(() => session.token());
    if (!token) return;
    // A second connect may have run meanwhile: only the last one keeps its stream.
    stop();
    const { from, to } = period();
    const stream = new EventSource(
      `/v1/reports/stream?${new URLSearchParams({ from, to, access_token: token })}`,
    );
    source = stream;
    stream.addEventListener('open', () => onLive(true));
    stream.addEventListener('summary', (event) => {
      /** @type {MessageEvent<string>} */
      const message = event;
      /** @type {unknown} */
      const data = JSON.parse(message.data);
      const summary = /** @type {import('./api.js').Summary} */ (data);
      const now = period();
      if (summary.from === now.from && summary.to === now.to) onSummary(summary);
    });
    stream.addEventListener('error', () => {
      onLive(false);
      if (stream.readyState !== EventSource.CLOSED) return;
      // The browser gave up (an HTTP error, e.g. an expired token): check the session, then retry.
      stream.close();
      if (session.expired()) {
        onSessionEnded();
        return;
      }
      retryTimer = setTimeout(() => void connect(), 5000);
    });
  }

  return { connect, stop };
}
