/**
 * Produces `tests/fixtures/cosSignatureVectors.json`: COS request signatures computed by the
 * vendor's official Node signer (`COS.getAuthorization` from `cos-nodejs-sdk-v5`) for a frozen
 * clock and fake credentials. The provider's signer and the emulator's verifier are both tested
 * against these, so neither can pass by sharing a bug with the other.
 *
 * Run after a build: `node dist/scripts/generateSignatureVectors.js` (rewrites the file).
 * Pass `--check` to fail instead when the file differs from what the official signer gives now.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import COS = require("cos-nodejs-sdk-v5");

/** One fixed signing case: the inputs and the `Authorization` value the official signer gives. */
export interface SignatureVector {
  /** What the case covers. */
  description: string;
  /** Fake key id. */
  secretId: string;
  /** Fake secret key. */
  secretKey: string;
  /** The frozen clock, in epoch seconds. */
  nowSeconds: number;
  /** `q-key-time` for `nowSeconds` with the default 900-second window. */
  keyTime: string;
  /** HTTP method as sent. */
  method: string;
  /** Decoded request path. */
  path: string;
  /** Query parameters; `""` marks a valueless one such as `cancel`. */
  query: Record<string, string>;
  /** Request headers as sent, signed or not. */
  headers: Record<string, string>;
  /** The expected `Authorization` header value. */
  authorization: string;
}

type VectorInput = Omit<SignatureVector, "keyTime" | "authorization">;

/** Where the vectors live, relative to the repository root. */
export const VECTORS_PATH = "tests/fixtures/cosSignatureVectors.json";

const SECRET_ID = "AKIDEXAMPLE";
const SECRET_KEY = "example-secret-key";
const HOST = "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com";
const JOB_ID = "b3f2a1c4d5e611ee9a0b525400c5b1a7";
const WINDOW_SECONDS = 900;

// Computed here rather than imported from the provider, so the fixture does not depend on the code it tests.
function keyTimeFor(nowSeconds: number): string {
  const start = Math.floor(nowSeconds / WINDOW_SECONDS) * WINDOW_SECONDS;
  return `${start};${start + 2 * WINDOW_SECONDS}`;
}

const INPUTS: VectorInput[] = [
  {
    description: "query a job: GET with only host signed",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767225600,
    method: "GET",
    path: `/inventorytriggerjob/${JOB_ID}`,
    query: {},
    headers: { Host: HOST },
  },
  {
    description: "trigger a job: POST with an XML body, content headers signed",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767226042,
    method: "POST",
    path: "/inventorytriggerjob",
    query: {},
    headers: {
      Host: HOST,
      "Content-Type": "application/xml",
      "Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg==",
      "Content-Length": "412",
    },
  },
  {
    description: "cancel a job: PUT with the valueless cancel parameter",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767227399,
    method: "PUT",
    path: `/inventorytriggerjob/${JOB_ID}`,
    query: { cancel: "" },
    headers: { Host: HOST, "Content-Length": "0" },
  },
  {
    description: "list jobs: parameters in mixed case, values with ',', ':', '+' and a paging token",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767230000,
    method: "GET",
    path: "/inventorytriggerjob",
    query: {
      type: "Job",
      states: "Running,Success",
      size: "100",
      orderByTime: "Asc",
      startCreationTime: "2026-01-01T00:00:00+0800",
      nextToken: "eyJvZmZzZXQiOjEwfQ==/next+page",
    },
    headers: { host: HOST },
  },
  {
    description: "temporary credentials: x-ci-security-token is signed",
    secretId: "AKIDTEMPORARYEXAMPLE",
    secretKey: "example-temporary-secret-key",
    nowSeconds: 1767300000,
    method: "GET",
    path: `/inventorytriggerjob/${JOB_ID}`,
    query: {},
    headers: { Host: HOST, "x-ci-security-token": "example-session-token/with+slash=and-equals" },
  },
  {
    description: "list jobs by name: Chinese text, spaces and the characters * ~ ' ! ( ) in a value",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767312345,
    method: "GET",
    path: "/inventorytriggerjob",
    query: { name: "转码 任务*~'!(1)", jobId: JOB_ID },
    headers: { Host: HOST },
  },
  {
    description: "headers outside the signed set (User-Agent, Accept, Date) are left unsigned",
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    nowSeconds: 1767399999,
    method: "GET",
    path: "/inventorytriggerjob",
    query: { workflowId: "w1b4d6f8e0a2c4e6f8a0b2c4d6e8f0a2b", size: "10" },
    headers: {
      "User-Agent": "pulumi-tencent-ci/0.1.0",
      Accept: "application/xml",
      Date: "Thu, 01 Jan 2026 00:00:00 GMT",
      HOST: HOST,
    },
  },
  {
    description: "trigger with temporary credentials: every signed header at once, lower-case method",
    secretId: "AKIDTEMPORARYEXAMPLE",
    secretKey: "example-temporary-secret-key",
    nowSeconds: 1767401799,
    method: "post",
    path: "/inventorytriggerjob",
    query: {},
    headers: {
      host: HOST,
      "content-type": "application/xml; charset=utf-8",
      "content-md5": "XrY7u+Ae7tCTyyK7j1rNww==",
      "content-length": "1024",
      "x-ci-security-token": "example-session-token",
    },
  },
];

/** Computes every vector with the official signer. */
export function buildSignatureVectors(): SignatureVector[] {
  return INPUTS.map((input) => {
    const keyTime = keyTimeFor(input.nowSeconds);
    const authorization = COS.getAuthorization({
      SecretId: input.secretId,
      SecretKey: input.secretKey,
      Method: input.method as COS.Method,
      Pathname: input.path,
      Query: input.query,
      Headers: input.headers,
      KeyTime: keyTime,
    });
    const { description, secretId, secretKey, nowSeconds, method, path, query, headers } = input;
    return { description, secretId, secretKey, nowSeconds, keyTime, method, path, query, headers, authorization };
  });
}

/** The file's exact text, so that `--check` can compare byte for byte. */
export function renderSignatureVectors(vectors: SignatureVector[]): string {
  return `${JSON.stringify(vectors, null, 2)}\n`;
}

function main(argv: string[]): void {
  const target = resolve(__dirname, "..", "..", VECTORS_PATH);
  const text = renderSignatureVectors(buildSignatureVectors());
  if (argv.includes("--check")) {
    if (readFileSync(target, "utf8") !== text) {
      process.stderr.write(`${VECTORS_PATH} is out of date: rerun without --check\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(target, text);
}

if (require.main === module) {
  main(process.argv.slice(2));
}
