import { createHmac } from 'node:crypto';
import type { Role } from './seeds';

/** An Authorization header to send (undefined: none at all), and whether it is forged. */
export interface Credential {
  label: string;
  header: string | undefined;
  /** No genuine token stands behind it: a 2xx on a secured route is an authentication bypass. */
  forged: boolean;
  /** The seed's own token, however spelt: it may do what the seed does. */
  sameRole: boolean;
}

export interface GenuineTokens {
  /** The services' scrape token, when this run knows it. */
  metrics?: string;
  admin: string;
  enterprise: string;
  official: string;
  officer: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The credentials an attacker can make without any key: a genuine token respelt (role raised,
 * signature dropped or reused), `alg: none`, HS256 keyed with the published public key
 * (algorithm confusion), a pass token offered as an access token, and plain junk.
 */
export function credentialsFor(
  role: Role,
  tokens: GenuineTokens,
  accessJwksText: string,
  passToken: string,
): Credential[] {
  const genuine = role === 'public' || role === 'metrics' ? tokens.enterprise : tokens[role];
  const [header, payload, signature] = genuine.split('.');
  const other = genuine === tokens.admin ? tokens.officer : tokens.admin;
  const claims = decodeSegment(payload);
  const raised = b64({ ...claims, role: 'admin', sub: claims.sub, exp: 4_102_444_800 });
  const noneHeader = b64({ alg: 'none', typ: 'JWT' });
  const hsHeader = b64({ alg: 'HS256', typ: 'JWT', kid: decodeSegment(header).kid });
  const hsBody = `${hsHeader}.${raised}`;
  const hsSignature = createHmac('sha256', accessJwksText).update(hsBody).digest('base64url');
  const expired = b64({ ...claims, exp: 1, iat: 0 });
  const forged = (label: string, value: string | undefined): Credential => ({
    label,
    header: value,
    forged: true,
    sameRole: false,
  });
  const credentials: Credential[] = [
    forged('no Authorization header', undefined),
    forged('empty Bearer', 'Bearer'),
    forged('Bearer and a space', 'Bearer '),
    forged('Bearer junk', 'Bearer garbage.garbage.garbage'),
    forged('Basic credentials', 'Basic YWRtaW46YWRtaW4='),
    forged('role raised, signature kept', `Bearer ${header}.${raised}.${signature}`),
    forged('alg none, role admin', `Bearer ${noneHeader}.${raised}.`),
    forged('alg none, no signature segment', `Bearer ${noneHeader}.${raised}`),
    forged('HS256 keyed with the public JWKS', `Bearer ${hsBody}.${hsSignature}`),
    forged('expired claims, signature kept', `Bearer ${header}.${expired}.${signature}`),
    forged('signature dropped', `Bearer ${header}.${payload}.`),
    forged('signature of another token', `Bearer ${header}.${payload}.${other.split('.')[2]}`),
    forged(
      'one signature character changed',
      `Bearer ${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'BB' : 'AA'}`,
    ),
    forged('a pass token as an access token', `Bearer ${passToken.replace(/^EP1:/, '')}`),
    forged('10,000-character token', `Bearer ${'A'.repeat(10_000)}`),
    forged('token with control characters', `Bearer ${header}\t.${payload}.${signature}`),
  ];
  // Genuine tokens that are merely spelt or placed oddly, or of another role: any status but 5xx.
  for (const someone of ['admin', 'enterprise', 'official', 'officer'] as const) {
    if (someone !== role) {
      const header = `Bearer ${tokens[someone]}`;
      credentials.push({
        label: `a genuine ${someone} token`,
        header,
        forged: false,
        sameRole: false,
      });
    }
  }
  const respelt = (label: string, header: string): Credential => ({
    label,
    header,
    forged: false,
    sameRole: true,
  });
  credentials.push(
    respelt('lower-case scheme', `bearer ${genuine}`),
    respelt('token twice', `Bearer ${genuine} ${genuine}`),
    respelt('extra spaces', `Bearer   ${genuine}  `),
  );
  return credentials;
}
