/**
 * An error whose message is written for the person at the screen. Internal detail
 * (SQL, stack, provider payloads) never goes in `message`; log it separately.
 */
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "invalid_input"
  | "invalid_transition"
  | "conflict"
  | "rate_limited"
  | "unavailable";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
