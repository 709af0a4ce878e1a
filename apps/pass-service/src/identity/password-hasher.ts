import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline). Hashing runs on
 * libuv's thread pool, so it does not stall the event loop.
 */
@Injectable()
export class PasswordHasher {
  /** Compared against when the username is unknown, so both failures cost the same time. */
  private readonly decoy = hash('decoy-password-never-matches', { algorithm: Algorithm.Argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: Algorithm.Argon2id });
  }

  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.decoy);
    const ok = await verify(target, password).catch(() => false);
    return ok && storedHash !== undefined;
  }
}
