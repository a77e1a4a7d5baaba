/**
 * The service side of the COS XML request signature (cloud.tencent.com/document/product/436/7778),
 * written from the published algorithm and not from the project's signer, and tested against
 * vectors from the vendor's official signer: a bug shared by client and emulator cannot pass here.
 *
 * The algorithm, as the server recomputes it:
 * 1. `SignKey = hex(HMAC-SHA1(SecretKey, q-key-time))`;
 * 2. `HttpString = lower(method) \n path \n params \n headers \n`, where params and headers are the
 *    ones named in `q-url-param-list` / `q-header-list`, each `lower(encode(name))=encode(value)`,
 *    sorted by name and joined by `&`, encode being RFC 3986 percent-encoding (upper-case hex);
 * 3. `StringToSign = sha1 \n q-sign-time \n hex(SHA1(HttpString)) \n`;
 * 4. `Signature = hex(HMAC-SHA1(SignKey, StringToSign))`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import {
  AccessDeniedError,
  InvalidAccessKeyIdError,
  REQUEST_EXPIRED_MESSAGE,
  RequestTimeTooSkewedError,
  SignatureDoesNotMatchError,
} from "../service/errors";

/** A key pair the emulator accepts; one with a `securityToken` is a temporary credential. */
export interface Credential {
  secretId: string;
  secretKey: string;
  /** When set, requests must carry it in `x-ci-security-token` (or COS's `x-cos-security-token`). */
  securityToken?: string;
}

/** The parts of a request the signature covers. */
export interface SignedRequest {
  method: string;
  /** The path, percent-decoded, e.g. `/inventorytriggerjob/b3de…`. */
  path: string;
  /** Query parameters, decoded, in order; a valueless one (`?cancel`) has value `""`. */
  query: readonly (readonly [string, string])[];
  /** Request headers; names in any case. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** A validity window in epoch seconds, both ends included. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** The fields of an `Authorization` header. */
export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signTime: TimeWindow;
  /** `q-sign-time` as sent (it is signed verbatim). */
  signTimeText: string;
  keyTime: TimeWindow;
  /** `q-key-time` as sent (the signing key is derived from it verbatim). */
  keyTimeText: string;
  /** Header names, lower case, as listed. */
  headerList: string[];
  /** Query parameter names, lower case, as listed. */
  urlParamList: string[];
  signature: string;
}

/** Tolerances of {@link SignatureVerifier}. */
export interface VerifierOptions {
  /** Largest difference between a request's `Date` header and the server's time; default 900 s (COS: 15 minutes). */
  maxSkewSeconds?: number;
  /** How far in the future a signature may start, for clocks a little ahead; default 60 s. */
  startGraceSeconds?: number;
}

const AUTH_FIELDS = ["q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list", "q-url-param-list", "q-signature"] as const;

const SECURITY_TOKEN_HEADERS = ["x-ci-security-token", "x-cos-security-token"];

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x2e ||
    byte === 0x5f ||
    byte === 0x7e
  );
}

/** RFC 3986 percent-encoding of the UTF-8 bytes: everything but `A-Z a-z 0-9 - . _ ~`, upper-case hex. */
export function rfc3986Encode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function malformed(reason: string): never {
  throw new AccessDeniedError(`The Authorization header is malformed: ${reason}.`);
}

function parseWindow(text: string, field: string): TimeWindow {
  const match = /^(\d{1,12});(\d{1,12})$/.exec(text);
  if (match === null) {
    return malformed(`${field} must be <start>;<end> in epoch seconds`);
  }
  const window = { start: Number(match[1]), end: Number(match[2]) };
  if (window.start > window.end) {
    return malformed(`${field} ends before it starts`);
  }
  return window;
}

function parseList(text: string): string[] {
  return text === "" ? [] : text.split(";").map((name) => name.toLowerCase());
}

/** Splits an `Authorization` value into its fields; throws {@link AccessDeniedError} when one is missing or unusable. */
export function parseAuthorization(value: string): ParsedAuthorization {
  const fields = new Map<string, string>();
  for (const part of value.trim().split("&")) {
    const equals = part.indexOf("=");
    if (equals > 0) {
      fields.set(part.slice(0, equals), part.slice(equals + 1));
    }
  }
  for (const field of AUTH_FIELDS) {
    if (!fields.has(field)) {
      malformed(`${field} is missing`);
    }
  }
  const field = (name: (typeof AUTH_FIELDS)[number]): string => fields.get(name) as string;
  return {
    algorithm: field("q-sign-algorithm"),
    accessKeyId: field("q-ak"),
    signTime: parseWindow(field("q-sign-time"), "q-sign-time"),
    signTimeText: field("q-sign-time"),
    keyTime: parseWindow(field("q-key-time"), "q-key-time"),
    keyTimeText: field("q-key-time"),
    headerList: parseList(field("q-header-list")),
    urlParamList: parseList(field("q-url-param-list")),
    signature: field("q-signature").toLowerCase(),
  };
}

function headerMap(headers: SignedRequest["headers"]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      map.set(name.toLowerCase(), typeof value === "string" ? value : value.join(","));
    }
  }
  return map;
}

/** `name=value` pairs, keyed by `lower(encode(name))`; the first of a repeated name wins. */
function encodedPairs(entries: Iterable<readonly [string, string]>): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const [name, value] of entries) {
    const key = rfc3986Encode(name).toLowerCase();
    if (!pairs.has(key)) {
      pairs.set(key, value);
    }
  }
  return pairs;
}

function canonicalList(listed: readonly string[], values: Map<string, string>): string {
  return [...new Set(listed)]
    .sort()
    .map((key) => `${key}=${rfc3986Encode(values.get(key) ?? "")}`)
    .join("&");
}

/** `HttpString` of step 2: what the signature covers. */
export function httpString(auth: ParsedAuthorization, request: SignedRequest): string {
  const params = canonicalList(auth.urlParamList, encodedPairs(request.query));
  const headers = canonicalList(auth.headerList, encodedPairs(headerMap(request.headers)));
  return [request.method.toLowerCase(), request.path, params, headers, ""].join("\n");
}

function hmacSha1(key: string, data: string): string {
  return createHmac("sha1", key).update(data, "utf8").digest("hex");
}

/** Recomputes `q-signature` for `request` with `secretKey`. */
export function computeSignature(secretKey: string, auth: ParsedAuthorization, request: SignedRequest): string {
  const signKey = hmacSha1(secretKey, auth.keyTimeText);
  const digest = createHash("sha1").update(httpString(auth, request), "utf8").digest("hex");
  return hmacSha1(signKey, ["sha1", auth.signTimeText, digest, ""].join("\n"));
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks requests against a set of credentials, in the order the service would refuse them. */
export class SignatureVerifier {
  private readonly credentials: Map<string, Credential>;
  private readonly maxSkewSeconds: number;
  private readonly startGraceSeconds: number;

  constructor(credentials: readonly Credential[], options: VerifierOptions = {}) {
    this.credentials = new Map(credentials.map((credential) => [credential.secretId, credential]));
    this.maxSkewSeconds = options.maxSkewSeconds ?? 900;
    this.startGraceSeconds = options.startGraceSeconds ?? 60;
  }

  /** Returns the caller's credential, or throws the service error the request deserves. */
  verify(request: SignedRequest, nowMs: number): Credential {
    const headers = headerMap(request.headers);
    const header = headers.get("authorization");
    if (header === undefined || header.trim() === "") {
      throw new AccessDeniedError();
    }
    const auth = parseAuthorization(header);
    if (auth.algorithm.toLowerCase() !== "sha1") {
      malformed(`q-sign-algorithm '${auth.algorithm}' is not sha1`);
    }
    const credential = this.credentials.get(auth.accessKeyId);
    if (credential === undefined) {
      throw new InvalidAccessKeyIdError();
    }
    this.checkTime(auth, headers, nowMs);
    this.checkSecurityToken(credential, headers);
    this.checkCoverage(auth, request);
    if (!sameText(computeSignature(credential.secretKey, auth, request), auth.signature)) {
      throw new SignatureDoesNotMatchError();
    }
    return credential;
  }

  /** A `Date` too far off, or a signature that starts in the future, is skew; one that ended is expiry. */
  private checkTime(auth: ParsedAuthorization, headers: Map<string, string>, nowMs: number): void {
    const now = Math.floor(nowMs / 1000);
    const date = headers.get("date");
    const dateMs = date === undefined ? Number.NaN : Date.parse(date);
    if (!Number.isNaN(dateMs) && Math.abs(dateMs - nowMs) > this.maxSkewSeconds * 1000) {
      throw new RequestTimeTooSkewedError();
    }
    if (auth.signTime.start > now + this.startGraceSeconds) {
      throw new RequestTimeTooSkewedError();
    }
    if (auth.signTime.end < now) {
      throw new AccessDeniedError(REQUEST_EXPIRED_MESSAGE);
    }
  }

  private checkSecurityToken(credential: Credential, headers: Map<string, string>): void {
    if (credential.securityToken === undefined) {
      return;
    }
    const sent = SECURITY_TOKEN_HEADERS.map((name) => headers.get(name)).find((value) => value !== undefined);
    if (sent === undefined || !sameText(sent, credential.securityToken)) {
      throw new InvalidAccessKeyIdError("The temporary key requires its security token in x-ci-security-token.");
    }
  }

  /** The project's rule: `host` and every query parameter must be signed, so a signature cannot be replayed elsewhere. */
  private checkCoverage(auth: ParsedAuthorization, request: SignedRequest): void {
    if (!auth.headerList.includes("host")) {
      throw new AccessDeniedError("The signature must cover the host header (q-header-list).");
    }
    for (const key of encodedPairs(request.query).keys()) {
      if (!auth.urlParamList.includes(key)) {
        throw new AccessDeniedError(`The signature must cover the query parameter '${key}' (q-url-param-list).`);
      }
    }
  }
}
