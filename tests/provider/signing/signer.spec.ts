import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";
import COS = require("cos-nodejs-sdk-v5");
import {
  DEFAULT_WINDOW_SECONDS,
  keyTimeFor,
  RequestSigner,
  SIGNED_HEADERS,
  SignableRequest,
  signRequest,
  SigningCredentials,
  SigningError,
} from "../../../provider/signing/signer";
import { uriEncode } from "../../../provider/signing/uriEncode";
import { buildSignatureVectors, renderSignatureVectors, SignatureVector, VECTORS_PATH } from "../../../scripts/generateSignatureVectors";

const HOST = "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com";
const CREDENTIALS: SigningCredentials = { secretId: "AKIDEXAMPLE", secretKey: "example-secret-key" };
const NOW = 1767225600;

const vectorsText = readFileSync(resolve(__dirname, "..", "..", "..", "..", VECTORS_PATH), "utf8");
const vectors = JSON.parse(vectorsText) as SignatureVector[];

/** The official signer, given the key time our signer would choose. */
function officialSign(
  request: SignableRequest,
  credentials: SigningCredentials,
  nowSeconds: number,
  windowSeconds = DEFAULT_WINDOW_SECONDS,
): string {
  return COS.getAuthorization({
    SecretId: credentials.secretId,
    SecretKey: credentials.secretKey,
    Method: request.method as COS.Method,
    Pathname: request.path,
    Query: request.query ?? {},
    Headers: request.headers ?? {},
    KeyTime: keyTimeFor(nowSeconds, windowSeconds),
  });
}

function fields(authorization: string): Record<string, string> {
  return Object.fromEntries(
    authorization.split("&").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at), part.slice(at + 1)];
    }),
  );
}

/**
 * An HMAC-SHA1 for the signer's `hmacSha1` option that counts sign-key derivations, recognisable
 * as the HMACs keyed with the secret key itself.
 */
function countingHmac(secretKey: string): { hmacSha1: (key: string, data: string) => string; derivations: () => number } {
  let derivations = 0;
  return {
    hmacSha1: (key, data) => {
      if (key === secretKey) derivations += 1;
      return createHmac("sha1", key).update(data).digest("hex");
    },
    derivations: () => derivations,
  };
}

/** mulberry32: small, seedable and good enough to spread test inputs. */
class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  text(alphabet: readonly string[], min: number, max: number): string {
    let out = "";
    for (let n = min + this.int(max - min + 1); n > 0; n -= 1) out += this.pick(alphabet);
    return out;
  }
}

/* eslint-disable @typescript-eslint/no-misused-spread -- alphabets of single code points on purpose;
   the one character made of more than one UTF-16 unit is listed whole */
const ALNUM = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];
// Unreserved characters plus encoded ones below '-': names built from these sort the same raw as
// encoded, the only names on which the official signer is self-consistent (see canonicalize).
const ORDER_SAFE_NAME_CHARS = [...ALNUM, ..."-_.~ !\"#$%&'()*+,"];
const VALUE_CHARS = [...ALNUM, ..." !'()*~-_.,:;/+=&?#%@[]{}|^`\"<>$\\", ..."转码任务测试中文名称", "😀", "é"];
// The signer refuses '?' and '#' in a path, since they would start a query or fragment.
const PATH_CHARS = VALUE_CHARS.filter((c) => !"?#".includes(c));
const HEADER_VALUE_CHARS = [...ALNUM, ..." !'()*~-_.,:;/+=@"];
/* eslint-enable @typescript-eslint/no-misused-spread */
const CLIENT_PARAMS = [
  "nextToken",
  "size",
  "type",
  "orderByTime",
  "states",
  "startCreationTime",
  "endCreationTime",
  "workflowId",
  "jobId",
  "name",
  "cancel",
];
// Headers neither signer signs: the official one also signs x-cos-*, x-ci-* and a dozen standard
// headers, which this provider never sends (pinned separately below).
const UNSIGNED_HEADERS = ["User-Agent", "Accept", "Date", "X-Request-Id", "Connection", "Accept-Encoding"];
const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "get", "post", "Put"];

function caseVariant(random: Random, name: string): string {
  const titled = name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
  return random.pick([name, titled, name.toUpperCase()]);
}

function randomRequest(random: Random): SignableRequest {
  const jobId = random.chance(0.8) ? random.text(ALNUM, 32, 32) : random.text(PATH_CHARS, 1, 12);
  const path = random.chance(0.3) ? "/inventorytriggerjob" : `/inventorytriggerjob/${jobId}`;
  const query: Record<string, string | undefined> = {};
  const seen = new Set<string>();
  for (let n = random.int(6); n > 0; n -= 1) {
    const name = random.chance(0.6) ? random.pick(CLIENT_PARAMS) : random.text(ORDER_SAFE_NAME_CHARS, 1, 10);
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    const valueless = name === "cancel" || random.chance(0.15);
    query[name] = valueless ? random.pick(["", undefined]) : random.text(VALUE_CHARS, 0, 24);
  }
  const headers: Record<string, string> = { [caseVariant(random, "host")]: HOST };
  const signedValues: Record<string, () => string> = {
    "content-type": () => random.pick(["application/xml", "application/xml; charset=utf-8", "text/plain"]),
    "content-md5": () => random.text([...ALNUM, "+", "/"], 22, 22) + "==",
    "content-length": () => String(random.int(100000)),
    "x-ci-security-token": () => random.text([...ALNUM, "+", "/", "=", "-"], 16, 64),
  };
  for (const [name, value] of Object.entries(signedValues)) {
    if (random.chance(0.5)) headers[caseVariant(random, name)] = value();
  }
  for (const name of UNSIGNED_HEADERS) {
    if (random.chance(0.3)) headers[name] = random.text(HEADER_VALUE_CHARS, 1, 30);
  }
  return { method: random.pick(METHODS), path, query, headers };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A list request with host signed, plus whatever the case needs. */
function listRequest(extra: Partial<SignableRequest> = {}): SignableRequest {
  return { method: "GET", path: "/inventorytriggerjob", headers: { host: HOST }, ...extra };
}

describe("uriEncode", () => {
  it("encodes everything outside A-Z a-z 0-9 - _ . ~ as upper-case UTF-8 escapes, including ! ' ( ) *", () => {
    assert.equal(uriEncode("aZ09-_.~ !'()*/+=&?,:转😀"), "aZ09-_.~%20%21%27%28%29%2A%2F%2B%3D%26%3F%2C%3A%E8%BD%AC%F0%9F%98%80");
  });
});

describe("signRequest", () => {
  for (const vector of vectors) {
    it(`reproduces the official signer's fixed vector: ${vector.description}`, () => {
      const { method, path, query, headers, nowSeconds } = vector;
      const request = { method, path, query, headers };
      const credentials = { secretId: vector.secretId, secretKey: vector.secretKey };
      assert.equal(keyTimeFor(nowSeconds), vector.keyTime);
      assert.equal(signRequest(request, credentials, nowSeconds), vector.authorization);
      assert.equal(new RequestSigner(credentials).sign(request, nowSeconds), vector.authorization);
    });
  }

  it("commits exactly the vectors the generator gets from the official signer", () => {
    assert.equal(vectorsText, renderSignatureVectors(buildSignatureVectors()));
    assert.ok(vectors.length >= 8);
  });

  it("matches the official signer byte for byte on 1,500 randomized requests", () => {
    const random = new Random(0x5eed1234);
    const windows = [60, 300, DEFAULT_WINDOW_SECONDS, 3600];
    let cancels = 0;
    let tokens = 0;
    for (let i = 0; i < 1500; i += 1) {
      const request = randomRequest(random);
      const credentials = { secretId: `AKID${random.text(ALNUM, 8, 32)}`, secretKey: random.text(ALNUM, 16, 40) };
      const now = 1_600_000_000 + random.int(400_000_000);
      const windowSeconds = random.pick(windows);
      const expected = officialSign(request, credentials, now, windowSeconds);
      const actual = signRequest(request, credentials, now, { windowSeconds });
      assert.equal(actual, expected, `request #${i}: ${JSON.stringify(request)}`);
      if (request.query && "cancel" in request.query) cancels += 1;
      if (fields(actual)["q-header-list"].includes("x-ci-security-token")) tokens += 1;
    }
    // Guards the generator itself: the cases the comparison is meant to cover did come up.
    assert.ok(cancels > 50 && tokens > 300, `cancel ${cancels}, token ${tokens}`);
  });

  it("signs a valueless cancel parameter as the official signer does, whether given as '' or undefined", () => {
    const path = "/inventorytriggerjob/b3f2a1c4d5e611ee9a0b525400c5b1a7";
    for (const cancel of ["", undefined]) {
      const request = { method: "PUT", path, query: { cancel }, headers: { Host: HOST } };
      const authorization = signRequest(request, CREDENTIALS, NOW);
      assert.equal(fields(authorization)["q-url-param-list"], "cancel");
      assert.equal(authorization, officialSign(request, CREDENTIALS, NOW));
    }
  });

  it("orders encoded names as documented, where the official signer's string to sign uses raw order", () => {
    // "aé" encodes to "a%c3%a9", which sorts before "ab" although "é" sorts after "b".
    const request = listRequest({ query: { ab: "1", aé: "2" } });
    const keyTime = keyTimeFor(NOW);
    const formatString = `get\n/inventorytriggerjob\na%c3%a9=2&ab=1\nhost=${HOST}\n`;
    const stringToSign = `sha1\n${keyTime}\n${createHash("sha1").update(formatString).digest("hex")}\n`;
    const signKey = createHmac("sha1", CREDENTIALS.secretKey).update(keyTime).digest("hex");
    const documented = createHmac("sha1", signKey).update(stringToSign).digest("hex");

    const ours = fields(signRequest(request, CREDENTIALS, NOW));
    const official = fields(officialSign(request, CREDENTIALS, NOW));
    assert.equal(ours["q-signature"], documented);
    assert.equal(ours["q-url-param-list"], "a%c3%a9;ab");
    assert.equal(official["q-url-param-list"], ours["q-url-param-list"]);
    assert.notEqual(official["q-signature"], documented, "the official signer now follows the documented order");
  });

  it("signs only the headers in SIGNED_HEADERS, whatever their case", () => {
    const bare = listRequest({ headers: { host: HOST, "content-type": "application/xml" } });
    const extra = listRequest({
      headers: {
        HOST: HOST,
        "Content-Type": "application/xml",
        Range: "bytes=0-1",
        "x-cos-acl": "private",
        "x-ci-trace": "1",
        "User-Agent": "ua",
      },
    });
    const authorization = signRequest(extra, CREDENTIALS, NOW);
    assert.equal(fields(authorization)["q-header-list"], "content-type;host");
    assert.equal(authorization, signRequest(bare, CREDENTIALS, NOW));
    assert.deepEqual([...SIGNED_HEADERS].sort(), ["content-length", "content-md5", "content-type", "host", "x-ci-security-token"]);
  });

  it("keeps every signature valid from no later than now until at least a window after now", () => {
    const random = new Random(7);
    for (const windowSeconds of [1, 60, DEFAULT_WINDOW_SECONDS, 3600]) {
      const edges = [0, windowSeconds - 1, windowSeconds, NOW, NOW + windowSeconds - 1];
      const times = [...edges, ...Array.from({ length: 200 }, () => random.int(2_000_000_000))];
      for (const now of times) {
        const signed = fields(signRequest(listRequest(), CREDENTIALS, now, { windowSeconds }));
        const keyTime = signed["q-key-time"];
        const [start, end] = keyTime.split(";").map(Number);
        assert.ok(start <= now && end >= now + windowSeconds, `window ${windowSeconds}, now ${now}: ${keyTime}`);
        assert.equal(start % windowSeconds, 0);
        assert.equal(end - start, 2 * windowSeconds);
        assert.equal(signed["q-sign-time"], keyTime);
      }
    }
  });

  it("does not change the request it signs", () => {
    const request = deepFreeze({
      method: "post",
      path: "/inventorytriggerjob",
      query: { cancel: undefined, name: "转码 任务" },
      headers: { Host: HOST, "Content-Type": "application/xml", "User-Agent": "ua" },
    });
    const before = JSON.stringify(request);
    assert.equal(signRequest(request, CREDENTIALS, NOW), new RequestSigner(CREDENTIALS).sign(request, NOW));
    assert.equal(JSON.stringify(request), before);
  });

  it("refuses to sign a request without a host header", () => {
    assert.throws(
      () => signRequest(listRequest({ headers: { "Content-Type": "application/xml" } }), CREDENTIALS, NOW),
      (error: unknown) =>
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- pins at run time the code the type promises
        error instanceof SigningError && error.message.includes("host") && error.code === "ERR_SIGNING_INPUT",
    );
  });

  it("never puts the secret key, the secret id or the security token in an error message", () => {
    const secretKey = "must-never-leak-key-7f3c";
    const secretId = "AKIDMUSTNEVERLEAK91AB";
    const token = "must-never-leak-token-c0de";
    const credentials = { secretId, secretKey };
    const headers = { host: HOST, "x-ci-security-token": token };
    const base = listRequest({ headers });
    const sign = (extra: Partial<SignableRequest>) => signRequest({ ...base, ...extra }, credentials, NOW);
    const cases: [RegExp, () => unknown][] = [
      [/x-ci-security-token/, () => sign({ headers: { ...headers, "x-ci-security-token": `${token}\ud800` } })],
      [/x-ci-security-token/i, () => sign({ headers: { ...headers, "X-Ci-Security-Token": token } })],
      [/host/, () => sign({ headers: { "x-ci-security-token": token } })],
      [/"name"/, () => sign({ query: { name: `${secretKey}\udc00` } })],
      [/"size"/, () => sign({ query: { size: 10 as unknown as string } })],
      [/method/, () => sign({ method: "GET /" })],
      [/path/, () => sign({ path: "inventorytriggerjob" })],
      [/path/, () => sign({ path: "/inventorytriggerjob?cancel" })],
      [/nowSeconds/, () => new RequestSigner(credentials).sign(base, Number.NaN)],
      [/windowSeconds/, () => new RequestSigner(credentials, { windowSeconds: 0 })],
      [/secretId/, () => signRequest(base, { secretId: `${secretId}&x`, secretKey }, NOW)],
      [/secretId/, () => new RequestSigner({ secretId: "", secretKey })],
      [/secretKey/, () => signRequest(base, { secretId, secretKey: "" }, NOW)],
    ];
    for (const [field, run] of cases) {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof SigningError, `not a SigningError: ${String(error)}`);
        assert.match(error.message, field);
        const shown = `${error.message}\n${error.stack ?? ""}\n${inspect(error)}`;
        for (const secret of [secretKey, secretId, token]) {
          assert.ok(!shown.includes(secret), `leaked in: ${error.message}`);
        }
        return true;
      });
    }
  });

  it("refuses a parameter name given twice in different case", () => {
    assert.throws(
      () => signRequest(listRequest({ query: { size: "1", Size: "2" } }), CREDENTIALS, NOW),
      /query parameter "Size" is given twice/,
    );
  });
});

describe("RequestSigner", () => {
  it("reuses the sign key within a window and derives a new one after it", () => {
    const counter = countingHmac(CREDENTIALS.secretKey);
    const signer = new RequestSigner(CREDENTIALS, { hmacSha1: counter.hmacSha1 });
    const signAt = (offsets: number[]) => offsets.map((offset) => signer.sign(listRequest(), NOW + offset));
    // NOW is a multiple of the 900-second window.
    const within = signAt([0, 1, 450, 899]);
    assert.equal(counter.derivations(), 1);
    assert.equal(new Set(within.map((a) => fields(a)["q-key-time"])).size, 1);
    const after = signAt([900, 1799]);
    assert.equal(counter.derivations(), 2);
    assert.notEqual(fields(after[0])["q-key-time"], fields(within[0])["q-key-time"]);
    // The signatures are the ones node:crypto's HMAC gives.
    assert.deepEqual(after, [signRequest(listRequest(), CREDENTIALS, NOW + 900), signRequest(listRequest(), CREDENTIALS, NOW + 1799)]);
    // The counter itself works: the stateless function derives a key on every call.
    const stateless = countingHmac(CREDENTIALS.secretKey);
    signRequest(listRequest(), CREDENTIALS, NOW, { hmacSha1: stateless.hmacSha1 });
    signRequest(listRequest(), CREDENTIALS, NOW + 1, { hmacSha1: stateless.hmacSha1 });
    assert.equal(stateless.derivations(), 2);
  });

  it("gives the same header as signRequest at every time and window", () => {
    const random = new Random(99);
    for (const windowSeconds of [60, DEFAULT_WINDOW_SECONDS]) {
      const signer = new RequestSigner(CREDENTIALS, { windowSeconds });
      let now = NOW;
      for (let i = 0; i < 300; i += 1) {
        now += random.int(2 * windowSeconds);
        const request = randomRequest(random);
        assert.equal(signer.sign(request, now), signRequest(request, CREDENTIALS, now, { windowSeconds }));
      }
    }
  });

  it("keeps using the credentials it was built with when the caller's object changes", () => {
    const credentials = { ...CREDENTIALS };
    const signer = new RequestSigner(credentials);
    credentials.secretKey = "changed";
    assert.equal(signer.sign(listRequest(), NOW), signRequest(listRequest(), CREDENTIALS, NOW));
  });

  it("keeps the secret key out of its printed and serialized forms", () => {
    const signer = new RequestSigner(CREDENTIALS);
    signer.sign(listRequest(), NOW);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the default string form is one of those checked
    for (const shown of [inspect(signer, { showHidden: true, depth: 5 }), JSON.stringify(signer), String(signer)]) {
      assert.ok(!shown.includes(CREDENTIALS.secretKey), shown);
    }
  });
});
