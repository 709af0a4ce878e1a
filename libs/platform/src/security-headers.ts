import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export interface PagePolicyOptions {
  /** Origins the pages call besides their own: pass-service, where the scanner and dashboard log in. */
  connectOrigins?: string[];
  /**
   * `<style>` texts a page writes into a document of its own origin (the portal's printout in its
   * pop-up, which inherits the portal's policy): each is allowed by its hash, nothing else inline.
   */
  inlineStyles?: string[];
}

/** The CSP hash source of an inline `<style>` or `<script>` text, as browsers compute it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The pages' policy: every script, style, worker and call from the service's own origin (or the
 * listed ones), no inline script, no eval, no framing. `data:` images for the empty favicon, `blob:`
 * for the QR the portal shows from an authorised fetch. ECharts styles its elements through
 * element.style (CSSOM), which style-src does not restrict; style attributes in markup it does.
 */
export function pagePolicy({ connectOrigins = [], inlineStyles = [] }: PagePolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ["style-src 'self'", ...inlineStyles.map(cspHash)].join(' '),
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Swagger UI at /docs (an operator's tool, not a page of the product): its scripts are files, but
 * its HTML carries a `<style>` element and style attributes, and its icons are data: images.
 */
const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Anything else (JSON, CSV, a QR picture opened on its own) loads nothing and runs nothing. */
const NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every answer, API and pages alike. The CSP is chosen by what is sent: HTML
 * and scripts get the pages' policy (a script's own policy is what a service worker runs under),
 * /docs its own, everything else none at all.
 */
export function applySecurityHeaders(fastify: FastifyInstance, options: PagePolicyOptions): void {
  const page = pagePolicy(options);
  // A callback hook, not an async one: it runs on every scan and every pass, and a promise per
  // answer is measurable there; this costs a few microseconds.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply
      .header('x-content-type-options', 'nosniff')
      // For browsers that predate frame-ancestors.
      .header('x-frame-options', 'DENY')
      // Page URLs may carry ?passService=…; no other site needs to learn where a user was.
      .header('referrer-policy', 'no-referrer');
    // A 304 (a revalidated page or script) carries no content type, and the browser merges its
    // headers into the cached answer's: a policy here would replace the page's with "nothing".
    if (reply.statusCode === 304) {
      done(null, payload);
      return;
    }
    const type = String(reply.getHeader('content-type') ?? '');
    const policy =
      type.startsWith('text/html') || type.includes('javascript')
        ? request.url.startsWith('/docs')
          ? DOCS_POLICY
          : page
        : NOTHING_POLICY;
    void reply.header('content-security-policy', policy);
    done(null, payload);
  });
}
