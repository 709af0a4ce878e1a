import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic } from '@app/contracts';
import { createServer, get as httpGet, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { skipConsumerGroupToEnd } from '../../../test/support/consumer-groups';
import { serviceApps } from '../../../test/support/service-apps';
import { waitFor } from '../../../test/support/test-env';
import { verifyDeliverySignature, SIGNATURE_HEADER } from '../src/notices/webhook-signature';
import {
  ADMIN,
  application,
  bearer,
  http,
  login,
  registerActiveEnterprise,
  staffToken,
  startPassService,
  type TestEnterprise,
} from './pass-harness';

/**
 * Status notices on real PostgreSQL and Kafka, with two replicas on one schema: replica A
 * (webhooks to loopback allowed, quick retries) decides and delivers; replica B (the production
 * default: no private network allowed) holds the live streams, so every notice a stream gets
 * crossed replicas through the notices table.
 */

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface StreamEvent {
  type: string;
  id: string | undefined;
  data: string;
}

interface OpenStream {
  status: number;
  body: string;
  events: StreamEvent[];
  notices: () => { passId: string; status: string; type: string; reason: string | null }[];
  close: () => void;
}

const SECRET = 'whsec-test-0123456789abcdef';

describe('pass-service: status notices and webhooks', () => {
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  let bUrl: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** Per path: how many more requests to fail with 500 before answering 200. */
  const failuresLeft = new Map<string, number>();
  let admin: string;
  let official: string;
  let e1: TestEnterprise;
  let e2: TestEnterprise;
  let e3: TestEnterprise;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '';
        received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const left = failuresLeft.get(path) ?? 0;
        if (left > 0) {
          failuresLeft.set(path, left - 1);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('try again later');
        } else if (path === '/moved') {
          res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    // Earlier suites' events on the shared topic are not this suite's.
    await skipConsumerGroupToEnd('pass-service', [Topic.Pass]);
    a = await startPassService({
      WEBHOOK_ALLOWED_NETWORKS: 'loopback',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      NOTICES_POLL_INTERVAL_MS: '100',
    });
    b = await serviceApps.pass({
      LOGIN_MAX_FAILURES_PER_IP: '10000',
      REGISTRATION_MAX_PER_IP: '10000',
      // B never sends deliveries during the suite (its allow-list is empty).
      WEBHOOK_POLL_INTERVAL_MS: '3600000',
      NOTICES_POLL_INTERVAL_MS: '100',
      NOTICES_MAX_STREAMS_PER_USER: '2',
    });
    await b.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as AddressInfo).port}`;

    admin = await login(a, ADMIN.username, ADMIN.password);
    official = await staffToken(a, 'official', admin);
    e1 = await registerActiveEnterprise(a);
    e2 = await registerActiveEnterprise(a);
    e3 = await registerActiveEnterprise(a);
    await setWebhook(a, e1.token, { url: `${receiverUrl}/ok`, secret: SECRET }).expect(200);
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await a?.close();
    await b?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  function openStream(
    token: string | null,
    query: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<OpenStream> {
    const params = new URLSearchParams(query);
    if (token) params.set('access_token', token);
    return new Promise((resolve, reject) => {
      const req = httpGet(
        `${bUrl}/v1/passes/notices/stream?${params.toString()}`,
        { headers },
        (res) => {
          const stream: OpenStream = {
            status: res.statusCode ?? 0,
            body: '',
            events: [],
            notices: () =>
              stream.events
                .filter((e) => e.type === 'notice')
                .map((e) => JSON.parse(e.data) as ReturnType<OpenStream['notices']>[number]),
            close: () => req.destroy(),
          };
          streams.push(stream);
          let pending = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            stream.body += chunk;
            pending += chunk;
            for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
              const block = pending.slice(0, end);
              pending = pending.slice(end + 2);
              const event: StreamEvent = { type: 'message', id: undefined, data: '' };
              for (const line of block.split('\n')) {
                const at = line.indexOf(':');
                const field = line.slice(0, at);
                const value = line.slice(at + 1).replace(/^ /, '');
                if (field === 'event') event.type = value;
                else if (field === 'id') event.id = value;
                else if (field === 'data') event.data += value;
              }
              stream.events.push(event);
            }
          });
          res.on('error', () => undefined);
          // Answered (an error) or the stream is open: either way the caller looks at it now.
          resolve(stream);
        },
      );
      req.on('error', (error) => (streams.length ? undefined : reject(error)));
    });
  }

  const ready = (s: OpenStream) =>
    waitFor(() => s.events.some((e) => e.type === 'ready'), 'stream ready');

  async function apply(enterprise: TestEnterprise, overrides: Record<string, unknown> = {}) {
    const res = await http(a)
      .post('/v1/passes')
      .set(bearer(enterprise.token))
      .send(application(overrides))
      .expect(201);
    return res.body as { id: string; status: string };
  }

  const crossProvince = (enterprise: TestEnterprise) =>
    apply(enterprise, { destinationDivision: '440103' });

  function setWebhook(app: NestFastifyApplication, token: string, body: object) {
    return http(app).put('/v1/enterprises/me/webhook').set(bearer(token)).send(body);
  }

  const deliveriesTo = (path: string, passId: string) =>
    received.filter(
      (r) =>
        r.path === path &&
        (JSON.parse(r.body) as { data: { passId: string } }).data.passId === passId,
    );

  describe('webhook settings', () => {
    it('refuses loopback, private and link-local targets without the allow-list, also by name', async () => {
      const port = (receiver.address() as AddressInfo).port;
      for (const url of [
        `http://127.0.0.1:${port}/ok`,
        `http://localhost:${port}/ok`,
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
        'http://10.1.2.3/hook',
        'http://192.168.1.10/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[fe80::1]/hook',
        'http://[fd00::1]/hook',
        'http://0.0.0.0/hook',
      ]) {
        const res = await setWebhook(b, e1.token, { url, secret: SECRET });
        expect([url, res.status, (res.body as { code: string }).code]).toEqual([
          url,
          400,
          'WEBHOOK_URL_FORBIDDEN',
        ]);
      }
    });

    it('refuses other schemes, credentials in the URL, overlong URLs and bad secrets', async () => {
      const cases: [object, string][] = [
        [{ url: 'ftp://example.com/hook', secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'javascript:alert(1)', secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'file:///etc/passwd', secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'https://user:pw@example.com/hook', secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: `https://example.com/${'a'.repeat(2100)}`, secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'not a url', secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 42, secret: SECRET }, 'WEBHOOK_URL_INVALID'],
        [{ url: 'https://example.com/hook', secret: 'short' }, 'WEBHOOK_SECRET_INVALID'],
        [{ url: 'https://example.com/hook', secret: 'x'.repeat(257) }, 'WEBHOOK_SECRET_INVALID'],
        [
          { url: 'https://example.com/hook', secret: 'has spaces in it 0123' },
          'WEBHOOK_SECRET_INVALID',
        ],
        [{ url: 'https://example.com/hook', secret: SECRET, extra: 1 }, 'UNKNOWN_FIELD'],
      ];
      for (const [body, code] of cases) {
        const res = await setWebhook(a, e1.token, body);
        expect([res.status, (res.body as { code: string }).code]).toEqual([400, code]);
      }
    });

    it('is for enterprises only, each its own; the secret is never shown back', async () => {
      await setWebhook(a, official, { url: `${receiverUrl}/ok`, secret: SECRET }).expect(403);
      await http(a).get('/v1/enterprises/me/webhook').set(bearer(official)).expect(403);
      await http(a).get('/v1/enterprises/me/webhook').expect(401);

      const set = await setWebhook(a, e1.token, {
        url: `${receiverUrl}/ok`,
        secret: SECRET,
      }).expect(200);
      expect(set.body).toEqual({
        url: `${receiverUrl}/ok`,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const shown = await http(a)
        .get('/v1/enterprises/me/webhook')
        .set(bearer(e1.token))
        .expect(200);
      expect(JSON.stringify(shown.body)).not.toContain(SECRET);
      expect(shown.body).toEqual(set.body);

      const none = await http(a)
        .get('/v1/enterprises/me/webhook')
        .set(bearer(e3.token))
        .expect(404);
      expect((none.body as { code: string }).code).toBe('WEBHOOK_NOT_FOUND');
    });
  });

  describe('deliveries', () => {
    it('delivers pass.issued signed: the receiver verifies it and refuses it altered or old', async () => {
      const pass = await apply(e1);
      expect(pass.status).toBe('issued');
      const [delivery] = await waitFor(() => {
        const got = deliveriesTo('/ok', pass.id);
        return got.length ? got : undefined;
      }, 'the pass.issued delivery');
      const body = JSON.parse(delivery.body) as {
        id: string;
        type: string;
        data: { passId: string; status: string; passNumber: string };
      };
      expect(body).toMatchObject({
        type: 'pass.issued',
        data: { passId: pass.id, status: 'issued' },
      });
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['x-epass-delivery']).toBe(body.id);
      expect(delivery.headers['x-epass-event']).toBe('pass.issued');
      const signature = delivery.headers[SIGNATURE_HEADER] as string;
      expect(verifyDeliverySignature(SECRET, delivery.body, signature)).toBe('valid');
      expect(verifyDeliverySignature('another-secret-0123456', delivery.body, signature)).toBe(
        'mismatch',
      );
      expect(
        verifyDeliverySignature(SECRET, delivery.body.replace('issued', 'revoked'), signature),
      ).toBe('mismatch');
      const later = Math.floor(Date.now() / 1000) + 3600;
      expect(verifyDeliverySignature(SECRET, delivery.body, signature, later)).toBe('stale');

      const log = await waitFor(async () => {
        const res = await http(a)
          .get('/v1/enterprises/me/webhook/deliveries')
          .set(bearer(e1.token))
          .expect(200);
        const items = (res.body as { items: { id: string; status: string }[] }).items;
        return items.find((i) => i.id === body.id && i.status === 'delivered') ? items : undefined;
      }, 'the delivery in the log');
      expect(log.find((i) => i.id === body.id)).toMatchObject({
        eventType: 'pass.issued',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
        responseExcerpt: 'ok',
        lastError: null,
      });
    });

    it('retries a receiver that fails twice and delivers on the third attempt, same id each time', async () => {
      await setWebhook(a, e2.token, { url: `${receiverUrl}/flaky`, secret: SECRET }).expect(200);
      failuresLeft.set('/flaky', 2);
      const pass = await apply(e2);
      const attempts = await waitFor(() => {
        const got = deliveriesTo('/flaky', pass.id);
        return got.length >= 3 ? got : undefined;
      }, 'three attempts');
      expect(new Set(attempts.map((r) => r.headers['x-epass-delivery'])).size).toBe(1);
      for (const attempt of attempts) {
        expect(
          verifyDeliverySignature(
            SECRET,
            attempt.body,
            attempt.headers[SIGNATURE_HEADER] as string,
          ),
        ).toBe('valid');
      }
      const entry = await waitFor(async () => {
        const res = await http(a)
          .get('/v1/enterprises/me/webhook/deliveries')
          .set(bearer(e2.token))
          .expect(200);
        const items = (res.body as { items: { status: string; attempts: number }[] }).items;
        return items.find((i) => i.status === 'delivered');
      }, 'the delivered entry');
      expect(entry).toMatchObject({ attempts: 3, lastStatusCode: 200 });
      expect(deliveriesTo('/flaky', pass.id)).toHaveLength(3);
    });

    it('does not follow a redirect, and gives up after the configured attempts', async () => {
      await setWebhook(a, e2.token, { url: `${receiverUrl}/moved`, secret: SECRET }).expect(200);
      const pass = await apply(e2);
      const entry = await waitFor(async () => {
        const res = await http(a)
          .get('/v1/enterprises/me/webhook/deliveries')
          .set(bearer(e2.token))
          .expect(200);
        const items = (
          res.body as { items: { status: string; attempts: number; lastError: string }[] }
        ).items;
        return items.find((i) => i.status === 'failed');
      }, 'the failed delivery');
      expect(entry).toMatchObject({
        attempts: 3,
        lastStatusCode: 302,
        lastError: 'redirect not followed',
      });
      expect(deliveriesTo('/moved', pass.id)).toHaveLength(3);
    });

    it('delivers pass.rejected and pass.revoked as well', async () => {
      const pending = await crossProvince(e1);
      expect(pending.status).toBe('pending_review');
      await http(a)
        .post(`/v1/passes/${pending.id}/reject`)
        .set(bearer(official))
        .send({ reason: 'papers incomplete' })
        .expect(200);
      const issued = await apply(e1);
      await http(a)
        .post(`/v1/passes/${issued.id}/revoke`)
        .set(bearer(e1.token))
        .send({ reason: 'trip cancelled' })
        .expect(200);
      const types = await waitFor(() => {
        const got = [...deliveriesTo('/ok', pending.id), ...deliveriesTo('/ok', issued.id)].map(
          (r) => (JSON.parse(r.body) as { type: string }).type,
        );
        return got.includes('pass.rejected') && got.includes('pass.revoked') ? got : undefined;
      }, 'the rejected and revoked deliveries');
      expect(types.sort()).toEqual(['pass.issued', 'pass.rejected', 'pass.revoked']);
      const rejected = deliveriesTo('/ok', pending.id)[0];
      expect(JSON.parse(rejected.body)).toMatchObject({
        type: 'pass.rejected',
        data: { passId: pending.id, status: 'rejected', reason: 'papers incomplete' },
      });
    });

    it("never shows an enterprise another's deliveries; removing the webhook ends it", async () => {
      const other = await http(a)
        .get('/v1/enterprises/me/webhook/deliveries')
        .set(bearer(e3.token))
        .expect(200);
      expect(other.body).toEqual({ items: [], nextCursor: null });
      const own = await http(a)
        .get('/v1/enterprises/me/webhook/deliveries?limit=1')
        .set(bearer(e1.token))
        .expect(200);
      const page = own.body as { items: unknown[]; nextCursor: string };
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).toMatch(/^\d+$/);
      const bad = await http(a)
        .get('/v1/enterprises/me/webhook/deliveries?limit=0')
        .set(bearer(e1.token))
        .expect(400);
      expect((bad.body as { code: string }).code).toBe('LIMIT_INVALID');

      await http(a).delete('/v1/enterprises/me/webhook').set(bearer(e3.token)).expect(404);
      await http(a).delete('/v1/enterprises/me/webhook').set(bearer(e2.token)).expect(204);
      await http(a).get('/v1/enterprises/me/webhook').set(bearer(e2.token)).expect(404);
    });
  });

  describe('live stream', () => {
    it('needs an enterprise token', async () => {
      const anonymous = await openStream(null);
      expect(anonymous.status).toBe(401);
      const staff = await openStream(official);
      expect(staff.status).toBe(403);
      const badResume = await openStream(e1.token, { lastEventId: 'x' });
      expect(badResume.status).toBe(400);
    });

    it("tells an enterprise its own passes' changes, made on another replica, and nothing of others'", async () => {
      const mine = await openStream(e1.token);
      const theirs = await openStream(e3.token);
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      await ready(mine);
      await ready(theirs);

      const toApprove = await crossProvince(e1);
      const toReject = await crossProvince(e1);
      await http(a)
        .post(`/v1/passes/${toApprove.id}/approve`)
        .set(bearer(official))
        .send({})
        .expect(200);
      await http(a)
        .post(`/v1/passes/${toReject.id}/reject`)
        .set(bearer(official))
        .send({ reason: 'route closed' })
        .expect(200);
      await http(a)
        .post(`/v1/passes/${toApprove.id}/revoke`)
        .set(bearer(official))
        .send({ reason: 'no longer needed' })
        .expect(200);

      const notices = await waitFor(() => {
        const got = mine
          .notices()
          .filter((n) => n.passId === toApprove.id || n.passId === toReject.id);
        return got.length >= 3 ? got : undefined;
      }, 'three notices');
      expect(notices.map((n) => [n.passId, n.status]).sort()).toEqual(
        [
          [toApprove.id, 'issued'],
          [toApprove.id, 'revoked'],
          [toReject.id, 'rejected'],
        ].sort(),
      );
      expect(notices.find((n) => n.status === 'rejected')?.reason).toBe('route closed');
      // The same poll handed out every notice: had one of e1's gone to e3, it would be there.
      expect(theirs.notices()).toEqual([]);
      mine.close();
      theirs.close();
    });

    it('resumes after Last-Event-ID with what was missed, and nothing twice', async () => {
      const first = await openStream(e1.token);
      await ready(first);
      const before = await crossProvince(e1);
      await http(a)
        .post(`/v1/passes/${before.id}/approve`)
        .set(bearer(official))
        .send({})
        .expect(200);
      const seen = await waitFor(
        () => first.events.find((e) => e.type === 'notice' && e.data.includes(before.id)),
        'the first notice',
      );
      first.close();

      const missed = await crossProvince(e1);
      await http(a)
        .post(`/v1/passes/${missed.id}/reject`)
        .set(bearer(official))
        .send({ reason: 'missed while away' })
        .expect(200);
      // Its webhook delivery is written with the notice: once it arrives, the notice is there.
      await waitFor(() => deliveriesTo('/ok', missed.id).length > 0, 'the missed change');

      const resumed = await openStream(e1.token, { lastEventId: seen.id ?? '' });
      await ready(resumed);
      await waitFor(
        () => resumed.notices().some((n) => n.passId === missed.id),
        'the missed notice',
      );
      expect(resumed.notices().map((n) => n.passId)).not.toContain(before.id);
      resumed.close();

      // The browser's own reconnect sends the header; it wins over the page's older URL.
      const byHeader = await openStream(
        e1.token,
        { lastEventId: '0-0' },
        { 'last-event-id': seen.id ?? '' },
      );
      await ready(byHeader);
      await waitFor(
        () => byHeader.notices().some((n) => n.passId === missed.id),
        'the missed notice again',
      );
      expect(byHeader.notices().map((n) => n.passId)).not.toContain(before.id);
      byHeader.close();
    });

    it('caps the streams one user holds', async () => {
      const held = [await openStream(e2.token), await openStream(e2.token)];
      expect(held.map((s) => s.status)).toEqual([200, 200]);
      await Promise.all(held.map(ready));
      const third = await openStream(e2.token);
      expect(third.status).toBe(429);
      await waitFor(() => third.body.includes('TOO_MANY_STREAMS'), 'the refusal body');
      held[0].close();
      const again = await waitFor(async () => {
        const s = await openStream(e2.token);
        if (s.status === 200) return s;
        s.close();
        return undefined;
      }, 'a stream once one closed');
      again.close();
      held[1].close();
    });
  });
});
