/**
 * Stable code of every {@link CodecError}, for callers that branch on codes rather than classes;
 * spelled as the service and the client spell theirs.
 */
export const CODEC_ERROR_CODE = "CodecError";

/**
 * A body that cannot be read as the expected XML (not XML, wrong root, a required element
 * missing), or a value that cannot be written as XML. The message names the element involved
 * and never quotes user text, which may be sensitive.
 */
export class CodecError extends Error {
  /** Always {@link CODEC_ERROR_CODE}. */
  readonly code = CODEC_ERROR_CODE;

  /** `message` says what is wrong with which element; `cause` keeps the parser's own error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CodecError";
  }
}
