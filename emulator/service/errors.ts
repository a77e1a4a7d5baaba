/**
 * The service errors the emulator answers, one class per service code with its HTTP status.
 *
 * Where the codes come from:
 * - COS API "Error Codes" page (cloud.tencent.com/document/product/436/7730, the list CI shares, see
 *   also CI's copy at /document/product/1045/43611): the `<Error>` body shape (`Code`, `Message`,
 *   `RequestId`, `TraceId`) and the pairs `MalformedXML` 400, `InvalidArgument` 400, `BadDigest` 400,
 *   `EntityTooLarge` 400, `AccessDenied` 403, `InvalidAccessKeyId` 403, `SignatureDoesNotMatch` 403,
 *   `RequestTimeTooSkewed` 403, `NoSuchKey` 404, `MethodNotAllowed` 405, `InternalError` 500,
 *   `ServiceUnavailable` 503.
 * - COS "403 Error for COS Access" troubleshooting page (/document/product/436/40105): a wrong
 *   SecretId is `InvalidAccessKeyId`; a clock out by more than 15 minutes is `RequestTimeTooSkewed`;
 *   a signature past its validity is `AccessDenied` with the message `Request has expired`.
 * - The vendor's Node SDK (`cos-nodejs-sdk-v5`, `getRetryInfo`): it resynchronises its clock from the
 *   response `Date` header exactly on `RequestTimeTooSkewed`, or `AccessDenied` + `Request has expired`,
 *   so those two spellings must be exact.
 * - `SlowDown`: S3 and the COS list name it for "reduce your request rate"; this project's clients
 *   treat throttling as HTTP 429, so the emulator sends it with 429 and a `Retry-After` header.
 * - `NoSuchJob`: no page names the error for an unknown job id (the query page answers it with
 *   `NonExistJobIds`, the cancel page says only that an error is thrown). It is the spelling the
 *   `unknownJob404` fault answers, after the `NoSuch…` 404s of the COS list, so that clients are
 *   tested against a 404 too.
 */

/** A service error: the code and HTTP status the service would answer, and extra response headers. */
export class ServiceError extends Error {
  /** Response headers that go with this error, e.g. `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    /** The service's error code, sent as `<Code>`. */
    readonly code: string,
    /** The HTTP status sent with it. */
    readonly statusCode: number,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = `${code}Error`;
    this.headers = headers;
  }
}

/** The body is not well-formed XML, or its root is not `<Request>`. */
export class MalformedXmlError extends ServiceError {
  constructor(message = "The XML you provided was not well-formed or did not validate against our published schema.") {
    super("MalformedXML", 400, message);
  }
}

/** A request field or query parameter breaks the service's rules. */
export class InvalidArgumentError extends ServiceError {
  constructor(message: string) {
    super("InvalidArgument", 400, message);
  }
}

/** `Content-MD5` does not match the body received. */
export class BadDigestError extends ServiceError {
  constructor(message = "The Content-MD5 you specified did not match what was received.") {
    super("BadDigest", 400, message);
  }
}

/** The body is larger than the emulator accepts. */
export class EntityTooLargeError extends ServiceError {
  constructor(message = "Your proposed upload exceeds the maximum allowed object size.") {
    super("EntityTooLarge", 400, message);
  }
}

/** Anonymous, malformed or insufficiently signed request; also an expired signature. */
export class AccessDeniedError extends ServiceError {
  constructor(message = "Access Denied.") {
    super("AccessDenied", 403, message);
  }
}

/** The message COS sends, under `AccessDenied`, for a signature whose validity window has passed. */
export const REQUEST_EXPIRED_MESSAGE = "Request has expired";

/** `q-ak` names no known credential, or a temporary credential came without its security token. */
export class InvalidAccessKeyIdError extends ServiceError {
  constructor(message = "The Access Key Id you provided does not exist in our records.") {
    super("InvalidAccessKeyId", 403, message);
  }
}

/** The recomputed signature differs from `q-signature`. */
export class SignatureDoesNotMatchError extends ServiceError {
  constructor(
    message = "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  ) {
    super("SignatureDoesNotMatch", 403, message);
  }
}

/** The request's time is too far from the server's; clients resynchronise from the `Date` header. */
export class RequestTimeTooSkewedError extends ServiceError {
  constructor(message = "The difference between the request time and the server's time is too large.") {
    super("RequestTimeTooSkewed", 403, message);
  }
}

/** The path names no API of this service. */
export class NoSuchKeyError extends ServiceError {
  constructor(message = "The specified key does not exist.") {
    super("NoSuchKey", 404, message);
  }
}

/** The job id names no job (only with the `unknownJob404` fault; see the header). */
export class NoSuchJobError extends ServiceError {
  constructor(jobId: string, message = `The specified job does not exist: ${jobId}.`) {
    super("NoSuchJob", 404, message);
  }
}

/** The path exists but not for this method (or without its required sub-resource such as `?cancel`). */
export class MethodNotAllowedError extends ServiceError {
  constructor(message = "The specified method is not allowed against this resource.") {
    super("MethodNotAllowed", 405, message);
  }
}

/** Throttling. */
export class SlowDownError extends ServiceError {
  constructor(retryAfterSeconds: number, message = "Please reduce your request rate.") {
    super("SlowDown", 429, message, { "Retry-After": String(retryAfterSeconds) });
  }
}

/** An internal failure of the service. */
export class InternalError extends ServiceError {
  constructor(message = "We encountered an internal error. Please try again.") {
    super("InternalError", 500, message);
  }
}

/** The service is temporarily unable to answer. */
export class ServiceUnavailableError extends ServiceError {
  constructor(retryAfterSeconds: number, message = "Please reduce your request rate.") {
    super("ServiceUnavailable", 503, message, { "Retry-After": String(retryAfterSeconds) });
  }
}
