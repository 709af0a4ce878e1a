import { Inject, Injectable } from '@nestjs/common';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  toClaims,
  type AuthenticatedUser,
} from '@app/auth';
import jwt from 'jsonwebtoken';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { SigningKeyStore } from '../signing-keys/signing-key.store';

export interface IssuedAccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  role: AuthenticatedUser['role'];
}

/** Short-lived ES256 access tokens, signed with the access key (never a pass key). */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeyStore,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  issue(user: AuthenticatedUser): IssuedAccessToken {
    const key = this.keys.activeKey('access');
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = jwt.sign(toClaims(user), key.privateKey, {
      algorithm: 'ES256',
      keyid: key.kid,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      expiresIn,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn, role: user.role };
  }
}
