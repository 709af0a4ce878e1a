import { LoginRateLimiter } from './login-rate-limiter';

describe('LoginRateLimiter', () => {
  let now = 0;
  const limiter = () =>
    new LoginRateLimiter({ maxFailuresPerUser: 3, maxFailuresPerIp: 5, windowMs: 1000 }, () => now);

  beforeEach(() => {
    now = 0;
  });

  it('blocks a username after its failures reach the limit, whatever the address', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('Wang', `10.0.0.${i}`);
    expect(l.isBlocked('wang', '10.0.0.9')).toBe(true);
    expect(l.isBlocked('li', '10.0.0.9')).toBe(false);
  });

  it('blocks an address spraying many usernames', () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) l.recordFailure(`user${i}`, '10.0.0.1');
    expect(l.isBlocked('someone-new', '10.0.0.1')).toBe(true);
    expect(l.isBlocked('someone-new', '10.0.0.2')).toBe(false);
  });

  it('forgets failures once the window has passed', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.recordFailure('wang', '10.0.0.1');
    now = 1000;
    expect(l.isBlocked('wang', '10.0.0.1')).toBe(false);
  });

  it('clears a username on success but keeps counting its address', () => {
    const l = limiter();
    for (let i = 0; i < 2; i++) l.recordFailure('wang', '10.0.0.1');
    l.recordSuccess('wang');
    l.recordFailure('wang', '10.0.0.1');
    expect(l.isBlocked('wang', '10.0.0.2')).toBe(false);
    l.recordFailure('zhao', '10.0.0.1');
    l.recordFailure('zhao', '10.0.0.1');
    expect(l.isBlocked('anyone', '10.0.0.1')).toBe(true);
  });
});
