import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@app/platform';
import { createHash } from 'node:crypto';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { AttemptCounters, describeWait, type AttemptBucket } from './attempt-counters';
import { rateLimitAddress } from './client-address';

export type LoginLimits = PassServiceConfig['login'];

/**
 * The buckets a login attempt is counted in, in the order they are charged: the address (a spray
 * over many usernames), the user at that address (guessing one password), then the user from
 * everywhere (a slow-down in a short window). A guesser stopped at its own address is not charged
 * to the user, so it cannot lock the owner out of their account from elsewhere.
 */
export function loginBuckets(
  limits: LoginLimits,
  username: string,
  clientIp: string | undefined,
): [address: AttemptBucket, userAtAddress: AttemptBucket, user: AttemptBucket] {
  const address = rateLimitAddress(clientIp);
  // Hashed: people type their password into the username field, and a key must stay short.
  const user = createHash('sha256').update(username).digest('base64url').slice(0, 22);
  return [
    { key: `login-a:${address}`, ...limits.perAddress },
    { key: `login-ua:${address}|${user}`, ...limits.perUserAndAddress },
    { key: `login-u:${user}`, ...limits.perUser },
  ];
}

const REFUSALS = [
  (wait: string) => `Too many failed logins from your network; try again in ${wait}.`,
  (wait: string) =>
    `Too many failed logins for this account from your network; try again in ${wait}.`,
  (wait: string) =>
    `This account has had many failed logins from several places; try again in ${wait}.`,
];

/**
 * Login limits shared by every replica. An attempt is counted before its password is checked, so
 * requests sent at once cannot all be checked; a success gives its attempt back.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly limits: LoginLimits;

  constructor(
    private readonly counters: AttemptCounters,
    @Inject(PASS_SERVICE_CONFIG) config: PassServiceConfig,
  ) {
    this.limits = config.login;
  }

  /** Counts the attempt; throws LOGIN_RATE_LIMITED (429, with Retry-After) when a limit is reached. */
  async admit(username: string, clientIp: string | undefined): Promise<void> {
    const refusal = await this.counters.count(loginBuckets(this.limits, username, clientIp));
    if (refusal) {
      throw AppError.tooManyRequests(
        'LOGIN_RATE_LIMITED',
        REFUSALS[refusal.bucket](describeWait(refusal.retryAfterSeconds)),
        refusal.retryAfterSeconds,
      );
    }
  }

  /**
   * The password was right: the attempt is taken back everywhere, and the count of this user at
   * this address starts again. The address keeps its other failures, so one good password does
   * not launder a spray.
   */
  async succeeded(username: string, clientIp: string | undefined): Promise<void> {
    const [address, userAtAddress, user] = loginBuckets(this.limits, username, clientIp);
    await this.counters.release([
      { key: address.key, reset: false },
      { key: userAtAddress.key, reset: true },
      { key: user.key, reset: false },
    ]);
  }
}
