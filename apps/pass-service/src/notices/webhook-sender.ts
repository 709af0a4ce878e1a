import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { signDelivery, SIGNATURE_HEADER } from './webhook-signature';
import type { WebhookAddressPolicy } from './webhook-address';

// eslint-disable-next-line no-control-regex -- exactly the characters to remove
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** At most this much of a receiver's answer is kept, for the delivery log. */
const EXCERPT_BYTES = 256;

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  delivered: boolean;
}

export interface Delivery {
  id: string;
  eventType: string;
  payload: string;
}

/**
 * One attempt: a signed POST of the stored JSON body. The connection resolves the host itself
 * through the address policy (no private address unless allowed, judged at connect time); a
 * redirect is not followed (a 3xx is a failure); the whole attempt has a deadline; only a short
 * excerpt of the answer is read, then the connection is dropped.
 */
export function sendDelivery(
  url: string,
  secret: string,
  delivery: Delivery,
  policy: WebhookAddressPolicy,
  timeoutMs: number,
): Promise<SendResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const failed = (error: string): SendResult => ({
      statusCode: null,
      error: error.slice(0, 200),
      excerpt: null,
      delivered: false,
    });
    const target = new URL(url);
    // Node connects to an IP literal without a lookup: judge it here, against today's policy.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && policy.judge(host) !== 'allowed') {
      settled = true;
      return resolve(failed(`${host} is an address webhooks may not reach`));
    }
    const body = Buffer.from(delivery.payload, 'utf8');
    const headers = {
      'content-type': 'application/json',
      'content-length': String(body.length),
      'user-agent': 'epass-webhooks/1',
      'x-epass-delivery': delivery.id,
      'x-epass-event': delivery.eventType,
      [SIGNATURE_HEADER]: signDelivery(secret, delivery.payload, Math.floor(Date.now() / 1000)),
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers, lookup: policy.guardedLookup() });
    const deadline = setTimeout(() => {
      req.destroy();
      finish(failed(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        failed(
          error.code === 'WEBHOOK_ADDRESS_FORBIDDEN'
            ? error.message
            : (error.code ?? error.message),
        ),
      ),
    );
    req.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        const excerpt = Buffer.concat(chunks)
          .subarray(0, EXCERPT_BYTES)
          .toString('utf8')
          // Control characters (a NUL above all) never reach the log.
          .replace(CONTROL_CHARACTERS, '');
        response.destroy();
        const ok = status >= 200 && status < 300;
        finish({
          statusCode: status,
          error: ok
            ? null
            : status >= 300 && status < 400
              ? 'redirect not followed'
              : `HTTP ${status}`,
          excerpt: excerpt || null,
          delivered: ok,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (kept < EXCERPT_BYTES) chunks.push(chunk);
        kept += chunk.length;
        if (kept >= EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    req.end(body);
  });
}
