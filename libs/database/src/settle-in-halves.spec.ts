import fc from 'fast-check';
import { settleInHalves } from './settle-in-halves';

/** A commit that refuses any group holding a poisoned member, as a constraint would. */
function commitRefusing(poisoned: (n: number) => boolean) {
  const attempts: number[][] = [];
  const commit = (group: readonly number[]): Promise<number[]> => {
    attempts.push([...group]);
    return group.some(poisoned)
      ? Promise.reject(new Error('value out of range'))
      : Promise.resolve(group.map((n) => n * 10));
  };
  return { commit, attempts };
}

describe('settleInHalves', () => {
  it('commits a clean group once', async () => {
    const { commit, attempts } = commitRefusing(() => false);
    const settled = await settleInHalves([1, 2, 3], commit);
    expect(settled).toEqual([
      { ok: true, value: 10 },
      { ok: true, value: 20 },
      { ok: true, value: 30 },
    ]);
    expect(attempts).toHaveLength(1);
  });

  it('fails only the poisoned members of any group, in order, with few extra commits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 300 }),
        async (poisonFlags) => {
          const members = poisonFlags.map((_, i) => i);
          const { commit, attempts } = commitRefusing((n) => poisonFlags[n]);
          const settled = await settleInHalves(members, commit);
          settled.forEach((result, i) => {
            expect(result.ok).toBe(!poisonFlags[i]);
            if (result.ok) expect(result.value).toBe(i * 10);
          });
          // Every member is committed exactly once when it succeeds.
          const committed = attempts.filter((g) => !g.some((n) => poisonFlags[n])).flat();
          expect(committed.sort((a, b) => a - b)).toEqual(members.filter((n) => !poisonFlags[n]));
          const bad = poisonFlags.filter(Boolean).length;
          // Each bad member costs at most two attempts per level of the split.
          expect(attempts.length).toBeLessThanOrEqual(
            1 + 2 * Math.max(1, bad) * Math.ceil(Math.log2(members.length) + 1),
          );
        },
      ),
    );
  });

  it('does not split while the database is unreachable', async () => {
    let calls = 0;
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const settled = await settleInHalves([1, 2, 3, 4], () => {
      calls += 1;
      return Promise.reject(down);
    });
    expect(calls).toBe(1);
    expect(settled.every((s) => !s.ok && s.error === down)).toBe(true);
  });
});
