import { Injectable } from '@nestjs/common';
import { AccessTokenKeys } from '@app/auth';
import type { KeyObject } from 'node:crypto';
import { SigningKeyStore } from './signing-key.store';

/** pass-service checks access tokens against its own key store, never over HTTP to itself. */
@Injectable()
export class StoreAccessTokenKeys extends AccessTokenKeys {
  constructor(private readonly store: SigningKeyStore) {
    super();
  }

  keyFor(kid: string): Promise<KeyObject | undefined> {
    return this.store.accessPublicKey(kid);
  }
}
