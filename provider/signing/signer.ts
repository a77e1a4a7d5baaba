/**
 * The COS XML request signature (`q-sign-algorithm=sha1`) that every CI request carries in its
 * `Authorization` header.
 *
 * Pure: the clock comes in as a parameter, nothing is read from the environment and the request
 * is never changed, so the same inputs always give the same header.
 */
import { createHash, createHmac } from "node:crypto";
import { uriEncode } from "./uriEncode";

/** The parts of an HTTP request that the signature covers. */
export interface SignableRequest {
  /** HTTP method, in any case (`GET`, `post`...). */
  method: string;
  /**
   * The path as the service decodes it, starting with `/` and without a query string, e.g.
   * `/inventorytriggerjob/<jobId>`. The signature covers the decoded path, not its
   * percent-encoded form on the wire.
   */
  path: string;
  /**
   * Query parameters by name, all of which are signed. `""` or `undefined` is a valueless
   * parameter such as `?cancel`: it is still signed, as `cancel=`.
   */
  query?: Record<string, string | undefined>;
  /**
   * Request headers by name (any case). Only those named in {@link SIGNED_HEADERS} are signed;
   * `host` must be among them. Values are signed exactly as given, untrimmed, so they must be
   * the values sent.
   */
  headers?: Record<string, string>;
}

/** A key pair of a Tencent Cloud account or sub-account, or a temporary one from STS. */
export interface SigningCredentials {
  /** The public half, sent in clear as `q-ak`. */
  secretId: string;
  /** The private half; it never leaves the signer. */
  secretKey: string;
}

/** How long signatures live. */
export interface SignerOptions {
  /**
   * Length in seconds of a key-time window; every signature stays valid for at least this long
   * after it is made, and for at most twice as long. Default {@link DEFAULT_WINDOW_SECONDS}.
   */
  windowSeconds?: number;
  /**
   * HMAC-SHA1 of `data` under `key`, as lowercase hex; default node:crypto's. Injectable as the AWS
   * SDK's signer takes its hash, so that a test can count the sign-key derivations (the HMACs keyed
   * with the secret key) without patching `node:crypto`.
   */
  hmacSha1?: (key: string, data: string) => string;
}

/**
 * Lower-cased names of the headers that get signed. Signing `host` stops a signature being
 * replayed against another bucket, and `x-ci-security-token` binds temporary credentials to
 * their token. Headers that proxies or the transport may add or rewrite (`user-agent`, `date`...)
 * are left out, since a changed signed header would make the service reject the request.
 */
export const SIGNED_HEADERS: ReadonlySet<string> = new Set([
  "host",
  "content-type",
  "content-md5",
  "content-length",
  "x-ci-security-token",
]);

/** The key-time window used when none is given: the official SDKs' default lifetime. */
export const DEFAULT_WINDOW_SECONDS = 900;

/**
 * Thrown when a request or credentials cannot be signed. Messages name the offending field but
 * never repeat a value, because values can be secrets (the key, a security token).
 */
export class SigningError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = "ERR_SIGNING_INPUT";

  /** @param message - what is wrong, naming fields only. */
  constructor(message: string) {
    super(message);
    this.name = "SigningError";
  }
}

/**
 * The `q-key-time` (and `q-sign-time`) for a signature made at `nowSeconds`.
 *
 * The range starts at the window holding `now` and spans two windows. Aligning it to the window
 * lets every request of one window share a sign key; spanning two windows guarantees that even a
 * signature made in the last second of a window is valid for a whole window after `now`. Starting
 * before `now` also tolerates a service clock that runs a little behind ours.
 *
 * @param nowSeconds - the current time, in seconds since the epoch.
 * @param windowSeconds - the window length in seconds.
 * @returns `"<start>;<end>"` in epoch seconds.
 */
export function keyTimeFor(nowSeconds: number, windowSeconds: number = DEFAULT_WINDOW_SECONDS): string {
  checkWindow(windowSeconds);
  if (!Number.isFinite(nowSeconds) || nowSeconds < 0) {
    throw new SigningError("nowSeconds must be a non-negative number of seconds since the epoch");
  }
  const start = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
  return `${start};${start + 2 * windowSeconds}`;
}

/**
 * Signs one request with a freshly derived sign key.
 *
 * @param request - the request to sign; it is not modified.
 * @param credentials - the key pair to sign with.
 * @param nowSeconds - the current time, in seconds since the epoch.
 * @param options - the key-time window.
 * @returns the value of the `Authorization` header.
 * @throws {@link SigningError} when the request or credentials cannot be signed.
 */
export function signRequest(
  request: SignableRequest,
  credentials: SigningCredentials,
  nowSeconds: number,
  options: SignerOptions = {},
): string {
  checkCredentials(credentials);
  const keyTime = keyTimeFor(nowSeconds, options.windowSeconds ?? DEFAULT_WINDOW_SECONDS);
  const hmacSha1 = options.hmacSha1 ?? nodeHmacSha1;
  return authorize(request, credentials.secretId, keyTime, hmacSha1(credentials.secretKey, keyTime), hmacSha1);
}

/**
 * Signs requests with one key pair, deriving the sign key once per key-time window instead of
 * once per request. Create a new signer when the credentials change.
 */
export class RequestSigner {
  readonly #secretId: string;
  readonly #secretKey: string;
  readonly #windowSeconds: number;
  readonly #hmacSha1: (key: string, data: string) => string;
  #cached: { keyTime: string; signKey: string } | undefined;

  /**
   * @param credentials - the key pair; copied, so later changes to the object have no effect.
   * @param options - the key-time window.
   * @throws {@link SigningError} when the credentials or options are unusable.
   */
  constructor(credentials: SigningCredentials, options: SignerOptions = {}) {
    checkCredentials(credentials);
    this.#windowSeconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
    checkWindow(this.#windowSeconds);
    this.#hmacSha1 = options.hmacSha1 ?? nodeHmacSha1;
    this.#secretId = credentials.secretId;
    this.#secretKey = credentials.secretKey;
  }

  /**
   * Signs one request.
   *
   * @param request - the request to sign; it is not modified.
   * @param nowSeconds - the current time, in seconds since the epoch.
   * @returns the value of the `Authorization` header.
   * @throws {@link SigningError} when the request cannot be signed.
   */
  sign(request: SignableRequest, nowSeconds: number): string {
    const keyTime = keyTimeFor(nowSeconds, this.#windowSeconds);
    if (this.#cached?.keyTime !== keyTime) {
      this.#cached = { keyTime, signKey: this.#hmacSha1(this.#secretKey, keyTime) };
    }
    return authorize(request, this.#secretId, keyTime, this.#cached.signKey, this.#hmacSha1);
  }
}

// The sign key (the HMAC of the key time under the secret key) is used below as an HMAC key in its
// hex form, exactly as the service does.
function nodeHmacSha1(key: string, data: string): string {
  return createHmac("sha1", key).update(data).digest("hex");
}

function authorize(
  request: SignableRequest,
  secretId: string,
  keyTime: string,
  signKey: string,
  hmacSha1: (key: string, data: string) => string,
): string {
  const method = checkMethod(request.method);
  const path = checkPath(request.path);
  const params = canonicalize(Object.entries(request.query ?? {}), "query parameter");
  const headers = canonicalize(
    Object.entries(request.headers ?? {}).filter(([name]) => SIGNED_HEADERS.has(name.toLowerCase())),
    "header",
  );
  if (!headers.names.includes("host")) {
    throw new SigningError("headers must include host, or the signature could be replayed on another bucket");
  }
  const formatString = [method, path, params.pairs, headers.pairs, ""].join("\n");
  const stringToSign = ["sha1", keyTime, createHash("sha1").update(formatString, "utf8").digest("hex"), ""].join("\n");
  const signature = hmacSha1(signKey, stringToSign);
  return [
    "q-sign-algorithm=sha1",
    `q-ak=${secretId}`,
    `q-sign-time=${keyTime}`,
    `q-key-time=${keyTime}`,
    `q-header-list=${headers.names.join(";")}`,
    `q-url-param-list=${params.names.join(";")}`,
    `q-signature=${signature}`,
  ].join("&");
}

/**
 * Encodes and lower-cases names, encodes values, and orders the pairs by encoded name, as the COS
 * signature documentation prescribes and as the header's own `q-url-param-list` is ordered.
 * The official Node SDK orders the pairs of its string to sign by raw name instead, so for names
 * whose raw and encoded orders differ (`ab` and `aé`, `a1` and `a:`) it signs pairs in a
 * different order from the list it sends; the documented order is followed here. Every name
 * this provider sends is plain ASCII letters, on which both orders agree.
 */
function canonicalize(entries: [string, string | undefined][], kind: "header" | "query parameter"): { names: string[]; pairs: string } {
  const encoded = new Map<string, string>();
  for (const [name, value] of entries) {
    if (name === "") throw new SigningError(`a ${kind} has an empty name`);
    if (value !== undefined && typeof value !== "string") {
      throw new SigningError(`${kind} ${JSON.stringify(name)} must have a string value`);
    }
    const key = encodeOrThrow(name, `the name of ${kind} ${JSON.stringify(name)}`).toLowerCase();
    if (encoded.has(key)) {
      throw new SigningError(`${kind} ${JSON.stringify(name)} is given twice (names are compared lower-cased)`);
    }
    encoded.set(key, encodeOrThrow(value ?? "", `the value of ${kind} ${JSON.stringify(name)}`));
  }
  const names = [...encoded.keys()].sort();
  return { names, pairs: names.map((key) => `${key}=${encoded.get(key) ?? ""}`).join("&") };
}

function encodeOrThrow(text: string, what: string): string {
  try {
    return uriEncode(text);
  } catch {
    throw new SigningError(`${what} is not valid Unicode text (it holds a lone surrogate)`);
  }
}

function checkMethod(method: string): string {
  if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) {
    throw new SigningError("method must be an HTTP method name such as GET");
  }
  return method.toLowerCase();
}

function checkPath(path: string): string {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new SigningError("path must start with '/'");
  }
  if (/[?#]/.test(path)) {
    throw new SigningError("path must not hold '?' or '#': pass query parameters in query");
  }
  return path;
}

function checkWindow(windowSeconds: number): void {
  if (!Number.isSafeInteger(windowSeconds) || windowSeconds <= 0) {
    throw new SigningError("windowSeconds must be a positive whole number of seconds");
  }
}

// The secret id goes into the header in clear, so characters that would split its fields are refused.
function checkCredentials(credentials: SigningCredentials): void {
  const secretId = credentials.secretId;
  if (typeof secretId !== "string" || !/^[\x21-\x7e]+$/.test(secretId) || /[&;=]/.test(secretId)) {
    throw new SigningError("credentials.secretId must be non-empty printable ASCII without '&', ';' or '='");
  }
  if (typeof credentials.secretKey !== "string" || credentials.secretKey === "") {
    throw new SigningError("credentials.secretKey must be a non-empty string");
  }
}
