import { inScope, isDivisionScope, scopePrefix, scopeWithin } from './jurisdiction';

describe('jurisdiction', () => {
  it('knows provinces, cities and counties as scopes, and nothing else', () => {
    expect(isDivisionScope('410000')).toBe(true);
    expect(isDivisionScope('410200')).toBe(true);
    expect(isDivisionScope('410203')).toBe(true);
    expect(isDivisionScope('419999')).toBe(false);
    expect(isDivisionScope('41')).toBe(false);
    expect(isDivisionScope('41020x')).toBe(false);
  });

  it('matches by the prefix of the scope level', () => {
    expect(scopePrefix('410000')).toBe('41');
    expect(scopePrefix('410200')).toBe('4102');
    expect(scopePrefix('410203')).toBe('410203');
    expect(() => scopePrefix('999999')).toThrow(RangeError);
  });

  it('puts Kaifeng counties inside Kaifeng and Henan, and Guangzhou outside both', () => {
    expect(inScope('410200', '410203')).toBe(true);
    expect(inScope('410000', '410203')).toBe(true);
    expect(inScope('410200', '410102')).toBe(false);
    expect(inScope('440100', '410203')).toBe(false);
    expect(inScope(null, '440103')).toBe(true);
  });

  it('lets a scope narrow but never widen', () => {
    expect(scopeWithin('410203', '410200')).toBe(true);
    expect(scopeWithin('410200', '410200')).toBe(true);
    expect(scopeWithin('410000', '410200')).toBe(false);
    expect(scopeWithin(null, '410200')).toBe(false);
    expect(scopeWithin('440100', null)).toBe(true);
  });
});
