import { etagOf, matchesEtag, toJwks } from './jwks';

describe('JWKS helpers', () => {
  const jwk = { kty: 'EC', crv: 'P-256', x: 'x-coordinate', y: 'y-coordinate' } as const;

  it('publishes only the public members, with kid, use and alg', () => {
    expect(toJwks([{ kid: 'k1', jwk: { ...jwk, d: 'secret' } as typeof jwk }])).toEqual({
      keys: [{ ...jwk, kid: 'k1', use: 'sig', alg: 'ES256' }],
    });
  });

  it('gives the same document the same strong ETag and another document another', () => {
    const tag = etagOf('{"keys":[]}');
    expect(tag).toMatch(/^"[\w-]{27}"$/);
    expect(etagOf(Buffer.from('{"keys":[]}'))).toBe(tag);
    expect(etagOf('{"keys":[]}')).not.toBe(etagOf('{"keys":[1]}'));
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    const tag = etagOf('doc');
    expect(matchesEtag(undefined, tag)).toBe(false);
    expect(matchesEtag(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesEtag(`W/${tag}`, tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag('"other"', tag)).toBe(false);
  });
});
