import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type Role } from '@app/auth';
import { jwkThumbprint, passKeyId, publicJwkOf, type PassSigningKey } from '@app/pass-token';
import jwt from 'jsonwebtoken';

export interface MintOptions {
  /** The user's id (`sub`); a new one per token unless given. */
  userId?: string;
  enterpriseId?: string | null;
  checkpointCode?: string | null;
  /** An official's jurisdiction (claim `scp`); absent is nationwide. */
  divisionScope?: string | null;
  username?: string;
  expiresInSeconds?: number;
}

/**
 * Stands in for pass-service's public face when a suite tests another service alone: it serves
 * the access-token JWKS and the pass-key JWKS on a loopback port, mints access tokens for any
 * role and holds pass-signing keys. Use `url` as the service's PASS_SERVICE_URL.
 */
export class TestIdentity {
  private server?: Server;
  private readonly accessKey = newEcKey();
  readonly passKeys: PassSigningKey[] = [];
  /** Set to false to make the JWKS endpoints answer 503, as if pass-service were down. */
  online = true;
  jwksRequests = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.jwksRequests++;
      if (!this.online) {
        res.writeHead(503).end();
        return;
      }
      const body =
        req.url === '/.well-known/access-token-jwks.json'
          ? { keys: [jwkEntry(this.accessKey.kid, this.accessKey.publicKey)] }
          : req.url === '/.well-known/jwks.json'
            ? { keys: this.passKeys.map((k) => jwkEntry(k.kid, k.privateKey)) }
            : undefined;
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /**
   * Adds a pass-signing key (published at /.well-known/jwks.json) and returns it: with a short
   * kid, as pass-service makes them, or `legacy` with the whole thumbprint, as it made them before.
   */
  addPassKey({ legacy = false }: { legacy?: boolean } = {}): PassSigningKey {
    const key = newEcKey();
    const kid = legacy ? key.kid : passKeyId(publicJwkOf(key.publicKey));
    const signing = { kid, privateKey: key.privateKey };
    this.passKeys.push(signing);
    return signing;
  }

  token(role: Role, options: MintOptions = {}): string {
    return jwt.sign(
      {
        sub: options.userId ?? randomUUID(),
        usr: options.username ?? `${role}-${randomUUID().slice(0, 8)}`,
        role,
        ent: options.enterpriseId ?? (role === 'enterprise' ? randomUUID() : null),
        cp: options.checkpointCode ?? null,
        scp: options.divisionScope ?? null,
      },
      this.accessKey.privateKey,
      {
        algorithm: 'ES256',
        keyid: this.accessKey.kid,
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        expiresIn: options.expiresInSeconds ?? 600,
      },
    );
  }
}

function newEcKey(): { kid: string; privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid: jwkThumbprint(publicJwkOf(publicKey)), privateKey, publicKey };
}

function jwkEntry(kid: string, key: KeyObject) {
  return { ...publicJwkOf(key), kid, use: 'sig', alg: 'ES256' };
}
