/** An error the API reports as is: a stable machine code, an HTTP status and a message a person can act on. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(code: string, message: string, details?: unknown): AppError {
    return new AppError(400, code, message, details);
  }

  static notFound(code: string, message: string): AppError {
    return new AppError(404, code, message);
  }

  static conflict(code: string, message: string): AppError {
    return new AppError(409, code, message);
  }

  static unprocessable(code: string, message: string, details?: unknown): AppError {
    return new AppError(422, code, message, details);
  }

  /** A 429 whose Retry-After header says when the client may try again. */
  static tooManyRequests(code: string, message: string, retryAfterSeconds: number): AppError {
    const error = new AppError(429, code, message);
    error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
    return error;
  }

  /** Sent as the Retry-After header. */
  retryAfterSeconds?: number;

  /**
   * The specifics the English message names (a limit, a status, a date), so that the message in
   * another language (error-messages.zh.ts) can name them too.
   */
  params?: Readonly<Record<string, string | number>>;

  withParams(params: Readonly<Record<string, string | number>>): this {
    this.params = params;
    return this;
  }
}
