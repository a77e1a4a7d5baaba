/**
 * The one shape in which the provider's failures reach the engine, and so the user.
 *
 * The dynamic-provider host of `@pulumi/pulumi` prints a failed check, diff, read or delete to the
 * step as `${error}: ${error.stack}`, so a thrown error would put a JavaScript stack trace in front
 * of the user. Every message is about the job or the setting at fault, never about the provider's
 * code, so the frames are dropped: the printed line is the message alone. Values a program marked
 * secret are replaced on the way out.
 */

/** An error as the engine should show it: its message only, secrets replaced. */
export interface UserFacingError extends Error {
  /** For a create that made a job and then failed: the job's id, outputs and reasons, kept. */
  id?: string;
  properties?: Record<string, unknown>;
  reasons?: string[];
}

/**
 * The error to throw across the engine boundary for `cause`: a new error with the message (and the
 * reasons of a partial create) passed through `redact`, no stack frames, and the cause kept for
 * debuggers. Whatever `cause` is, the result is an `Error`.
 */
export function userFacingError(cause: unknown, redact: (text: string) => string = (text) => text): UserFacingError {
  const message = redact(cause instanceof Error ? cause.message : String(cause));
  const error: UserFacingError = new Error(message, { cause });
  error.name = "tencent-ci";
  // Where the host prints `${error}: ${error.stack}`, the stack adds nothing but a pointer to it.
  error.stack = "(reported by the tencent-ci provider)";
  const partial = cause as Partial<UserFacingError> | undefined;
  if (typeof partial?.id === "string") {
    error.id = partial.id;
    error.properties = partial.properties;
    error.reasons = (partial.reasons ?? []).map(redact);
  }
  return error;
}
