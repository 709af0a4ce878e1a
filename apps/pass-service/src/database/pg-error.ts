import { QueryFailedError } from 'typeorm';

export const PgErrorCode = {
  UNIQUE_VIOLATION: '23505',
  EXCLUSION_VIOLATION: '23P01',
} as const;

export interface PgError {
  code: string;
  constraint?: string;
}

/** The SQLSTATE and constraint of a failed query, so that a use case can map a constraint to an API error. */
export function pgErrorOf(error: unknown): PgError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown };
  if (typeof driverError.code !== 'string') return undefined;
  return {
    code: driverError.code,
    constraint: typeof driverError.constraint === 'string' ? driverError.constraint : undefined,
  };
}

export function isConstraintViolation(error: unknown, code: string, constraint: string): boolean {
  const pg = pgErrorOf(error);
  return pg?.code === code && pg.constraint === constraint;
}
