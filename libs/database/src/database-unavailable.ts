import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * True when an error says the database could not be reached or dropped the connection (server
 * stopped, restarting, refusing connections), as opposed to a bad query or a constraint: worth
 * retrying once the server is back. SQLSTATE classes 08 (connection exception), 53 (insufficient
 * resources, e.g. too many connections) and 57P01–57P03 (shutdown, crash, cannot connect now).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // When the server drops a connection in the middle of a transaction, TypeORM releases the query
  // runner from the connection's error event: the transaction's next query or its COMMIT then
  // fails with these instead of the connection error (nothing was committed). Inside
  // `dataSource.transaction()` nothing else releases a runner early.
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  )
    return true;
  // TypeORM's QueryFailedError copies the driver error's fields, but check the original too.
  const driverError = (error as { driverError?: unknown }).driverError;
  for (const candidate of [error, driverError]) {
    if (!(candidate instanceof Error)) continue;
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^(08|53|57P0)/.test(code)) return true;
      if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code))
        return true;
    }
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
        candidate.message,
      )
    )
      return true;
  }
  return false;
}
