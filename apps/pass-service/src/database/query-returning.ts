import type { EntityManager } from 'typeorm';

/**
 * Runs a statement with RETURNING and gives its rows. TypeORM's raw query answers an UPDATE or
 * DELETE with `[rows, affectedCount]` but an INSERT or SELECT with the rows alone.
 */
export async function queryReturning<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
