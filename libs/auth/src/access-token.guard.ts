import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import jwt from 'jsonwebtoken';
import { AccessTokenKeys } from './access-token-keys';
import { accessTokenClaims, toUser } from './access-token-claims';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { DisabledUsers } from './disabled-users';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type AuthenticatedUser,
  type Role,
} from './roles';

// Errors carry their stable code in the response; the platform's error filter passes it on.
const unauthenticated = (message: string) =>
  new UnauthorizedException({ code: 'UNAUTHENTICATED', message });

const accountDisabled = () =>
  new UnauthorizedException({
    code: 'ACCOUNT_DISABLED',
    message: 'This account has been disabled; ask an administrator.',
  });

/**
 * Global guard: every route needs a valid ES256 access token unless marked @Public(), and a
 * route that names no roles is refused, so forgetting @Roles fails closed. A disabled user's
 * tokens are refused although their signature is still good.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  /**
   * Tokens already verified, until they expire. A checkpoint officer sends the same token with
   * every scan; verifying its ES256 signature each time would cost as much as the pass itself.
   * Bounded, oldest first out. A token stays accepted until its own expiry (minutes) even if its
   * key is withdrawn meanwhile, as it would at any verifier that checks only the signature.
   */
  private readonly verified = new Map<string, { user: AuthenticatedUser; expiresAtMs: number }>();
  private static readonly MAX_CACHED_TOKENS = 10_000;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: AccessTokenKeys,
    private readonly disabledUsers: DisabledUsers,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ id?: string; headers: Record<string, unknown>; user?: AuthenticatedUser }>();
    const user = await this.authenticate(request.headers.authorization);
    // Checked on every request, the cached fast path included: a Set lookup, no database read.
    if (this.disabledUsers.isDisabled(user.userId)) throw accountDisabled();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles?.includes(user.role)) {
      throw new ForbiddenException({
        code: 'FORBIDDEN',
        message: `This action is not available to the role '${user.role}'.`,
      });
    }
    // A copy: `user` is the cached one, shared by every request that carries this token.
    request.user = request.id ? { ...user, requestId: request.id } : user;
    return true;
  }

  private async authenticate(header: unknown): Promise<AuthenticatedUser> {
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw unauthenticated(
        'Send an access token: Authorization: Bearer <token> (POST /v1/auth/login gives one).',
      );
    }
    const token = header.slice(7).trim();
    const cached = this.verified.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached.user;
    if (cached) this.verified.delete(token);
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    if (!decoded || decoded.header.alg !== 'ES256' || typeof kid !== 'string') {
      throw unauthenticated('The access token is malformed.');
    }
    const key = await this.keys.keyFor(kid);
    if (!key)
      throw unauthenticated(
        'The access token was signed with a key this service does not trust; log in again.',
      );
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        algorithms: ['ES256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTolerance: 5,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError)
        throw unauthenticated('The access token has expired; log in again.');
      throw unauthenticated('The access token is invalid.');
    }
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) throw unauthenticated('The access token is missing required claims.');
    const user = toUser(claims.data);
    const exp = (payload as { exp?: unknown }).exp;
    if (typeof exp === 'number') this.remember(token, user, exp * 1000);
    return user;
  }

  private remember(token: string, user: AuthenticatedUser, expiresAtMs: number): void {
    if (this.verified.size >= AccessTokenGuard.MAX_CACHED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { user, expiresAtMs });
  }
}
