import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { passKeyId, publicJwkOf, type PassSigningKey } from '@app/pass-token';
import { waitFor, withPg } from '../../../test/support/test-env';
import { VerifyHarness } from './verify-harness';

interface Delta {
  version: number;
  revoked: { passId: string; passNumber: string; validUntil: string; version: number }[];
  removedBefore?: string;
}

function unpublishedKey(): PassSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid: passKeyId(publicJwkOf(publicKey)), privateKey };
}

describe('verify-service: revocations and keys from pass-service, on the real Kafka and PostgreSQL', () => {
  // A long minimum interval, so the test sees exactly one refresh per unknown kid burst.
  const harness = new VerifyHarness({ KEY_REFRESH_MIN_INTERVAL_MS: '600000' });

  beforeAll(() => harness.setUp());
  afterAll(() => harness.tearDown());

  const delta = async (since: number) =>
    (await harness.get(`/v1/revocations?since=${since}`, harness.officer()).expect(200))
      .body as Delta;

  it('turns the next scan into REVOKED once pass.revoked is on the topic, and prints the propagation time', async () => {
    const content = harness.content();
    const qr = harness.qr(content);
    expect(await harness.scan(qr, { direction: 'exit' })).toMatchObject({ verdict: 'accepted' });
    const sentAt = Date.now();
    await harness.send([harness.revoked(content)]);
    let body: Record<string, unknown> = {};
    await waitFor(async () => {
      body = await harness.scan(qr, { direction: 'exit' });
      return body.reason === 'REVOKED';
    }, 'the checkpoint to reject the revoked pass');
    process.stdout.write(`revocation propagation (Kafka → verdict): ${Date.now() - sentAt} ms\n`);
    expect(body).toMatchObject({
      verdict: 'rejected',
      reason: 'REVOKED',
      pass: { id: null, passNumber: content.pn },
    });
  });

  it('revokes by pass number: a new token (no pass id) and a legacy one (with its pass id) alike', async () => {
    const fresh = harness.content();
    const old = harness.content();
    const oldPassId = randomUUID();
    const freshQr = harness.qr(fresh);
    const oldQr = harness.legacyQr(old, oldPassId);
    const untouched = harness.qr(harness.content());
    expect(await harness.scan(oldQr)).toMatchObject({
      verdict: 'accepted',
      pass: { id: oldPassId, passNumber: old.pn },
    });
    await harness.send([harness.revoked(fresh), harness.revoked(old, oldPassId)]);
    await harness.revocationApplied(fresh.pn);
    await harness.revocationApplied(old.pn);
    for (const qr of [freshQr, oldQr]) {
      expect(await harness.scan(qr, { direction: 'exit' })).toMatchObject({
        verdict: 'rejected',
        reason: 'REVOKED',
      });
    }
    expect(await harness.scan(untouched)).toMatchObject({ verdict: 'accepted' });
    // The scanner's offline list goes by number too: both entries carry it.
    const list = await delta(0);
    expect(list.revoked.filter((r) => [fresh.pn, old.pn].includes(r.passNumber))).toHaveLength(2);
    // And a restart rebuilds the in-memory list, by number, from the table.
    await harness.restart();
    expect(await harness.scan(freshQr, { direction: 'exit' })).toMatchObject({ reason: 'REVOKED' });
  });

  it('applies a redelivered revocation once and serves the list as deltas since a version', async () => {
    const first = harness.content();
    const before = await delta(0);
    const event = harness.revoked(first);
    await harness.send([event, event]);
    await harness.revocationApplied(first.pn);
    const afterFirst = await delta(before.version);
    expect(afterFirst.revoked).toEqual([
      {
        passId: event.data.passId,
        passNumber: first.pn,
        validUntil: new Date(first.exp * 1000).toISOString(),
        version: afterFirst.version,
      },
    ]);

    const second = harness.content();
    // The first pass revoked again (a new event): it keeps its first version.
    await harness.send([harness.revoked(second), harness.revoked(first, event.data.passId)]);
    await harness.revocationApplied(second.pn);
    const afterSecond = await delta(afterFirst.version);
    expect(afterSecond.revoked.map((r) => r.passNumber)).toEqual([second.pn]);
    expect(afterSecond.version).toBeGreaterThan(afterFirst.version);
    expect(await delta(afterSecond.version)).toMatchObject({
      version: afterSecond.version,
      revoked: [],
    });

    const rows = await withPg((c) =>
      c.query('SELECT count(*)::int AS n FROM verify.revocations WHERE pass_number = $1', [
        first.pn,
      ]),
    );
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it('prunes revocations of passes that have expired and tells scanners what they may drop', async () => {
    const expired = harness.content({
      nbf: Math.floor(Date.now() / 1000) - 7200,
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    await harness.send([harness.revoked(expired)]);
    await harness.revocationApplied(expired.pn);
    const { RevocationList } = await import('../src/revocations/revocation-list');
    await harness.app.get(RevocationList).prune();
    const list = await delta(0);
    expect(list.revoked.some((r) => r.passNumber === expired.pn)).toBe(false);
    expect(Date.parse(String(list.removedBefore))).toBeGreaterThan(expired.exp * 1000);
  });

  it('trusts a key announced by signing-key.activated', async () => {
    const rotated = unpublishedKey();
    await harness.send([harness.keyActivated(rotated)]);
    await waitFor(async () => {
      const res = await harness.get('/v1/trusted-keys', harness.officer()).expect(200);
      return (res.body as { keys: { kid: string }[] }).keys.some((k) => k.kid === rotated.kid);
    }, 'the activated key to be trusted');
    expect(await harness.scan(harness.qr({}, rotated))).toMatchObject({ verdict: 'accepted' });
  });

  it('learns a newly published key with one JWKS fetch, and answers UNKNOWN_KEY after one refresh for a kid nobody has', async () => {
    const published = harness.identity.addPassKey();
    const requestsBefore = harness.identity.jwksRequests;
    expect(await harness.scan(harness.qr({}, published))).toMatchObject({ verdict: 'accepted' });
    expect(harness.identity.jwksRequests - requestsBefore).toBe(1);

    // The refresh just spent covers the interval: forged kids cannot make it fetch again.
    const stranger = unpublishedKey();
    const results = await Promise.all(
      [1, 2, 3].map(() => harness.scan(harness.qr({}, stranger), { direction: 'exit' })),
    );
    for (const body of results)
      expect(body).toMatchObject({ verdict: 'rejected', reason: 'UNKNOWN_KEY' });
    expect(harness.identity.jwksRequests - requestsBefore).toBe(1);
  });

  it('still verifies after a restart while pass-service is down, with the keys stored in its own schema', async () => {
    const content = harness.content();
    const revoked = harness.content();
    await harness.send([harness.revoked(revoked)]);
    await harness.revocationApplied(revoked.pn);

    harness.identity.online = false;
    const requestsBefore = harness.identity.jwksRequests;
    try {
      await harness.restart();
      expect(harness.identity.jwksRequests).toBeGreaterThan(requestsBefore); // it asked, and got 503s
      const token = harness.officer();
      const body = await harness.verify(
        { qr: harness.qr(content), checkpointCode: 'CP-KF-01', direction: 'entry' },
        token,
      );
      expect(body.status).toBe(200);
      expect(body.body).toMatchObject({ verdict: 'accepted' });
      const again = await harness.verify(
        { qr: harness.qr(revoked), checkpointCode: 'CP-KF-01', direction: 'entry' },
        token,
      );
      expect(again.body).toMatchObject({ verdict: 'rejected', reason: 'REVOKED' });
    } finally {
      harness.identity.online = true;
    }
  });
});
