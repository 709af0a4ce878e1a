import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-epass-signature';
/** A receiver refuses a signature older (or newer) than this; the sender signs each attempt anew. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * HMAC-SHA256 with the webhook's secret over `<t>.<body>`, the exact bytes sent. Signing the
 * timestamp with the body lets a receiver refuse a replayed delivery by its age.
 */
export function signDelivery(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

export type SignatureCheck = 'valid' | 'malformed' | 'stale' | 'mismatch';

/**
 * What a receiver does (also used by the tests): parse the header, refuse a timestamp outside the
 * tolerance, recompute the HMAC over `<t>.<raw body>` and compare in constant time.
 */
export function verifyDeliverySignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed';
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return 'stale';
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? 'valid' : 'mismatch';
}
