/**
 * Sends real HTTP requests to an emulator, signed by the vendor's official signer
 * (`COS.getAuthorization`), and decodes the answers. Shared by the emulator's HTTP-level tests.
 */
import COS = require("cos-nodejs-sdk-v5");
import { XMLParser } from "fast-xml-parser";
import { request } from "undici";
import { DEMO_CREDENTIALS, type RunningEmulator } from "../../../emulator";

/** Credentials to sign with. */
export interface SigningCredentials {
  secretId: string;
  secretKey: string;
  securityToken?: string;
}

/** One request to send. */
export interface SendOptions {
  method: string;
  /** The path as signed (decoded). */
  path: string;
  /** The path as sent, when it differs from `path` (percent-encoded). */
  wirePath?: string;
  /** Query parameters; `""` sends the name alone (`?cancel`). */
  query?: Record<string, string>;
  body?: string;
  /** Extra headers, sent and (if the official signer picks them) signed. */
  headers?: Record<string, string>;
  /** Default: the demo credentials; `null` sends no `Authorization`. */
  credentials?: SigningCredentials | null;
  /** `q-key-time`; default from the emulator's clock, valid for 15 minutes. */
  keyTime?: string;
  /** Leaves `host` out of the signed headers. */
  unsignedHost?: boolean;
  /** Leaves these query parameters out of the signature (still sent). */
  unsignedQuery?: string[];
  /** Sent as `Authorization` instead of a computed signature. */
  authorization?: string;
}

/**
 * A decoded XML answer. The tests assert its shape field by field (that is what they are for), so
 * it is left untyped rather than cast at every step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type DecodedXml = Record<string, any>;

/** An answer. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body (ids stay strings; `JobsDetail` is always an array). */
  xml: DecodedXml;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => name === "JobsDetail",
});

/** A `q-key-time` around `nowMs`: from a second before to 15 minutes after. */
export function keyTimeAround(nowMs: number, beforeSeconds = 1, afterSeconds = 900): string {
  const now = Math.floor(nowMs / 1000);
  return `${now - beforeSeconds};${now + afterSeconds}`;
}

function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([name, value]) => (value === "" ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join("&");
}

/** Sends one request to the emulator and decodes the answer. */
export async function send(emulator: RunningEmulator, options: SendOptions): Promise<Reply> {
  const base = new URL(emulator.url);
  const query = options.query ?? {};
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/xml";
  }
  const credentials: SigningCredentials | null = options.credentials === undefined ? DEMO_CREDENTIALS : options.credentials;
  if (credentials !== null) {
    if (credentials.securityToken !== undefined) {
      headers["x-ci-security-token"] ??= credentials.securityToken;
    }
    const signedQuery = Object.fromEntries(Object.entries(query).filter(([name]) => !(options.unsignedQuery ?? []).includes(name)));
    const signedHeaders = options.unsignedHost ? { ...headers } : { ...headers, host: base.host };
    headers.authorization =
      options.authorization ??
      COS.getAuthorization({
        SecretId: credentials.secretId,
        SecretKey: credentials.secretKey,
        Method: options.method as COS.Method,
        Pathname: options.path,
        Query: signedQuery,
        Headers: signedHeaders,
        KeyTime: options.keyTime ?? keyTimeAround(emulator.backend.now()),
      });
  } else if (options.authorization !== undefined) {
    headers.authorization = options.authorization;
  }
  const search = queryString(query);
  const response = await request(`${emulator.url}${options.wirePath ?? options.path}${search === "" ? "" : `?${search}`}`, {
    method: options.method as "GET",
    headers,
    body: options.body,
  });
  const text = await response.body.text();
  const xml = text.trim() === "" ? {} : (parser.parse(text) as DecodedXml);
  return { status: response.statusCode, headers: response.headers, text, xml };
}

/** A `Type=Workflow` trigger body. */
export function workflowTrigger(name: string, workflowIds: string, input = "<Prefix>input/</Prefix>", extra = ""): string {
  return `<Request><Name>${name}</Name><Type>Workflow</Type><Input>${input}</Input><Operation>${extra}<WorkflowIds>${workflowIds}</WorkflowIds></Operation></Request>`;
}

/** A `Type=Job` trigger body; `operation` is the content of `<Operation>`. */
export function jobTrigger(name: string, operation: string, input = "<Prefix>media/</Prefix>"): string {
  return `<Request><Name>${name}</Name><Type>Job</Type><Input>${input}</Input><Operation>${operation}</Operation></Request>`;
}

/** Triggers a job and returns its detail; fails the test unless the answer is 200. */
export async function triggerJob(emulator: RunningEmulator, body: string): Promise<DecodedXml> {
  const reply = await send(emulator, { method: "POST", path: "/inventorytriggerjob", body });
  if (reply.status !== 200) {
    throw new Error(`trigger answered ${reply.status}: ${reply.text}`);
  }
  return reply.xml.Response.JobsDetail[0] as DecodedXml;
}

/** Queries a job. */
export function describeJob(emulator: RunningEmulator, jobId: string): Promise<Reply> {
  return send(emulator, { method: "GET", path: `/inventorytriggerjob/${jobId}` });
}

/** Lists jobs. */
export function listJobs(emulator: RunningEmulator, query: Record<string, string> = {}): Promise<Reply> {
  return send(emulator, { method: "GET", path: "/inventorytriggerjob", query });
}

/** Cancels a job. */
export function cancelJob(emulator: RunningEmulator, jobId: string): Promise<Reply> {
  return send(emulator, { method: "PUT", path: `/inventorytriggerjob/${jobId}`, query: { cancel: "" } });
}

/** A clock tests move by hand. */
export class ManualClock {
  constructor(public nowMs = Date.UTC(2026, 0, 1, 4, 0, 0)) {}

  /** The clock function to give the emulator. */
  readonly read = (): number => this.nowMs;

  /** Moves the clock forward. */
  tick(ms: number): void {
    this.nowMs += ms;
  }
}
