import { isDatabaseUnavailable } from './database-unavailable';

/** What one member of a group commit got: its own result, or the error that was its own. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Group commit without shared fate. `commit` writes a whole group atomically and returns one
 * result per member, in order. When it fails, the group is split in halves and each half is
 * committed again, down to single members, so one member whose data the database refuses fails
 * alone and everyone else's commit still goes through: with one bad member among n, about
 * 2·log2(n) extra statements.
 *
 * Nothing is split while the database is unreachable: every member would fail the same way, and
 * splitting would only multiply the attempts against a server that is down.
 */
export async function settleInHalves<T, R>(
  members: readonly T[],
  commit: (group: readonly T[]) => Promise<readonly R[]>,
): Promise<Settled<R>[]> {
  if (members.length === 0) return [];
  try {
    const values = await commit(members);
    return values.map((value) => ({ ok: true, value }));
  } catch (error) {
    if (members.length === 1 || isDatabaseUnavailable(error)) {
      return members.map(() => ({ ok: false, error }));
    }
    const middle = Math.ceil(members.length / 2);
    const first = await settleInHalves(members.slice(0, middle), commit);
    const second = await settleInHalves(members.slice(middle), commit);
    return [...first, ...second];
  }
}
