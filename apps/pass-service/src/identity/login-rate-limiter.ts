export interface LoginRateLimits {
  maxFailuresPerUser: number;
  maxFailuresPerIp: number;
  windowMs: number;
}

interface Window {
  failures: number;
  startedAt: number;
}

/** Bounds memory under a spray of random usernames; the oldest windows go first. */
const MAX_TRACKED = 100_000;

/**
 * Counts failed logins per username and per client address in fixed windows, in memory.
 * Each replica counts on its own: an attacker spread over N replicas gets N times the budget,
 * which is still far too few guesses against argon2id-hashed passwords.
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: LoginRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(username: string, ip: string): boolean {
    return (
      this.failures(userKey(username)) >= this.limits.maxFailuresPerUser ||
      this.failures(ipKey(ip)) >= this.limits.maxFailuresPerIp
    );
  }

  recordFailure(username: string, ip: string): void {
    this.bump(userKey(username));
    this.bump(ipKey(ip));
  }

  /** A successful login clears the username's count, not the address's: one good password does not launder a spray. */
  recordSuccess(username: string): void {
    this.windows.delete(userKey(username));
  }

  private failures(key: string): number {
    const window = this.windows.get(key);
    if (!window) return 0;
    if (this.now() - window.startedAt >= this.limits.windowMs) {
      this.windows.delete(key);
      return 0;
    }
    return window.failures;
  }

  private bump(key: string): void {
    const current = this.failures(key);
    const window = this.windows.get(key) ?? { failures: 0, startedAt: this.now() };
    window.failures = current + 1;
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > MAX_TRACKED) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
  }
}

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
