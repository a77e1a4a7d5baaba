import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import COS = require("cos-nodejs-sdk-v5");
import { ServiceError } from "../../../emulator/service/errors";
import {
  computeSignature,
  parseAuthorization,
  rfc3986Encode,
  SignatureVerifier,
  type SignedRequest,
} from "../../../emulator/http/signatureVerifier";
import type { SignatureVector } from "../../../scripts/generateSignatureVectors";

/** The fixture's shape, as its generator writes it (a type only: the official signer is not loaded here). */
type Vector = SignatureVector;

// Read from the source tree: the compiled tests live in dist/, the fixture does not.
const VECTORS = JSON.parse(
  readFileSync(resolve(__dirname, "..", "..", "..", "..", "tests", "fixtures", "cosSignatureVectors.json"), "utf8"),
) as Vector[];

function requestOf(vector: Vector, overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    method: vector.method,
    path: vector.path,
    query: Object.entries(vector.query),
    headers: { ...vector.headers, Authorization: vector.authorization },
    ...overrides,
  };
}

function tokenOf(vector: Vector): string | undefined {
  return Object.entries(vector.headers).find(([name]) => name.toLowerCase() === "x-ci-security-token")?.[1];
}

function verifierFor(vector: Vector): SignatureVerifier {
  return new SignatureVerifier([{ secretId: vector.secretId, secretKey: vector.secretKey, securityToken: tokenOf(vector) }]);
}

function rejection(action: () => unknown): ServiceError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof ServiceError, `expected a ServiceError, got ${String(error)}`);
    return error;
  }
  return assert.fail("expected the request to be refused");
}

function dateSkewed(vector: Vector): boolean {
  const date = Object.entries(vector.headers).find(([name]) => name.toLowerCase() === "date")?.[1];
  return date !== undefined && Math.abs(Date.parse(date) - vector.nowSeconds * 1000) > 900_000;
}

describe("emulator signature verifier", () => {
  it("has fixed vectors to check against", () => {
    assert.ok(VECTORS.length >= 5);
  });

  describe("against the official signer's fixed vectors", () => {
    for (const vector of VECTORS) {
      it(`recomputes the official signature: ${vector.description}`, () => {
        const auth = parseAuthorization(vector.authorization);
        assert.equal(computeSignature(vector.secretKey, auth, requestOf(vector)), auth.signature);
      });

      if (dateSkewed(vector)) {
        it(`refuses a Date header more than 15 minutes off as RequestTimeTooSkewed: ${vector.description}`, () => {
          const error = rejection(() => verifierFor(vector).verify(requestOf(vector), vector.nowSeconds * 1000));
          assert.equal(error.code, "RequestTimeTooSkewed");
          assert.equal(error.statusCode, 403);
        });
      } else {
        it(`accepts the signed request at its frozen time: ${vector.description}`, () => {
          const credential = verifierFor(vector).verify(requestOf(vector), vector.nowSeconds * 1000);
          assert.equal(credential.secretId, vector.secretId);
        });
      }

      it(`refuses the vector with another secret key: ${vector.description}`, () => {
        const verifier = new SignatureVerifier([
          { secretId: vector.secretId, secretKey: `${vector.secretKey}x`, securityToken: tokenOf(vector) },
        ]);
        // The skewed Date of one vector is dropped here, so that only the key can be at fault.
        const headers = Object.fromEntries(Object.entries(vector.headers).filter(([name]) => name.toLowerCase() !== "date"));
        const request = requestOf(vector, { headers: { ...headers, Authorization: vector.authorization } });
        const error = rejection(() => verifier.verify(request, vector.nowSeconds * 1000));
        assert.equal(error.code, "SignatureDoesNotMatch");
      });
    }
  });

  describe("tampering", () => {
    const vector = VECTORS.find((candidate) => candidate.description.startsWith("list jobs: parameters")) ?? VECTORS[0];
    const now = vector.nowSeconds * 1000;

    it("refuses a changed query value as SignatureDoesNotMatch", () => {
      const query = Object.entries({ ...vector.query, size: "99" });
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector, { query }), now));
      assert.equal(error.code, "SignatureDoesNotMatch");
    });

    it("refuses a changed path as SignatureDoesNotMatch", () => {
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector, { path: `${vector.path}/x` }), now));
      assert.equal(error.code, "SignatureDoesNotMatch");
    });

    it("refuses a changed method as SignatureDoesNotMatch", () => {
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector, { method: "DELETE" }), now));
      assert.equal(error.code, "SignatureDoesNotMatch");
    });

    it("refuses a changed signed header as SignatureDoesNotMatch", () => {
      const headers = { host: "other-1250000000.ci.ap-guangzhou.myqcloud.com", Authorization: vector.authorization };
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector, { headers }), now));
      assert.equal(error.code, "SignatureDoesNotMatch");
    });

    it("refuses an extra query parameter left out of q-url-param-list as AccessDenied", () => {
      const query = [...Object.entries(vector.query), ["extra", "1"] as const];
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector, { query }), now));
      assert.equal(error.code, "AccessDenied");
      assert.match(error.message, /extra/);
    });
  });

  describe("validity window", () => {
    const vector = VECTORS[0];
    const [start, end] = vector.keyTime.split(";").map(Number);

    it("accepts a request at the last second of q-sign-time", () => {
      verifierFor(vector).verify(requestOf(vector), end * 1000);
    });

    it("refuses a request after q-sign-time as AccessDenied 'Request has expired'", () => {
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector), (end + 1) * 1000));
      assert.equal(error.code, "AccessDenied");
      assert.equal(error.message, "Request has expired");
      assert.equal(error.statusCode, 403);
    });

    it("refuses a signature starting more than a minute ahead as RequestTimeTooSkewed", () => {
      const error = rejection(() => verifierFor(vector).verify(requestOf(vector), (start - 61) * 1000));
      assert.equal(error.code, "RequestTimeTooSkewed");
    });

    it("tolerates a signature starting less than a minute ahead (clocks a little apart)", () => {
      verifierFor(vector).verify(requestOf(vector), (start - 30) * 1000);
    });
  });

  describe("credentials and coverage", () => {
    const nowSeconds = 1_767_225_600;
    const keyTime = `${nowSeconds - 1};${nowSeconds + 900}`;
    const host = "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com";

    function signed(headers: Record<string, string>, secretId = "AKIDONE", secretKey = "one-key"): SignedRequest {
      const authorization = COS.getAuthorization({
        SecretId: secretId,
        SecretKey: secretKey,
        Method: "get",
        Pathname: "/inventorytriggerjob",
        Headers: headers,
        KeyTime: keyTime,
      });
      return { method: "GET", path: "/inventorytriggerjob", query: [], headers: { ...headers, authorization } };
    }

    it("refuses an unknown q-ak as InvalidAccessKeyId", () => {
      const verifier = new SignatureVerifier([{ secretId: "AKIDOTHER", secretKey: "one-key" }]);
      const error = rejection(() => verifier.verify(signed({ host }), nowSeconds * 1000));
      assert.equal(error.code, "InvalidAccessKeyId");
      assert.equal(error.statusCode, 403);
    });

    it("refuses a request without Authorization as AccessDenied", () => {
      const verifier = new SignatureVerifier([{ secretId: "AKIDONE", secretKey: "one-key" }]);
      const error = rejection(() => verifier.verify({ method: "GET", path: "/", query: [], headers: {} }, 0));
      assert.equal(error.code, "AccessDenied");
    });

    it("refuses a signature that does not cover host as AccessDenied", () => {
      const verifier = new SignatureVerifier([{ secretId: "AKIDONE", secretKey: "one-key" }]);
      const request = signed({ "content-type": "application/xml" });
      const error = rejection(() => verifier.verify({ ...request, headers: { ...request.headers, host } }, nowSeconds * 1000));
      assert.equal(error.code, "AccessDenied");
      assert.match(error.message, /host/);
    });

    it("requires a temporary credential's security token and refuses a wrong one as InvalidAccessKeyId", () => {
      const verifier = new SignatureVerifier([{ secretId: "AKIDONE", secretKey: "one-key", securityToken: "token-1" }]);
      assert.equal(rejection(() => verifier.verify(signed({ host }), nowSeconds * 1000)).code, "InvalidAccessKeyId");
      const wrong = signed({ host, "x-ci-security-token": "token-2" });
      assert.equal(rejection(() => verifier.verify(wrong, nowSeconds * 1000)).code, "InvalidAccessKeyId");
      verifier.verify(signed({ host, "x-ci-security-token": "token-1" }), nowSeconds * 1000);
    });

    it("picks the credential named by q-ak among several", () => {
      const verifier = new SignatureVerifier([
        { secretId: "AKIDONE", secretKey: "one-key" },
        { secretId: "AKIDTWO", secretKey: "two-key" },
      ]);
      assert.equal(verifier.verify(signed({ host }, "AKIDTWO", "two-key"), nowSeconds * 1000).secretId, "AKIDTWO");
    });
  });

  describe("parsing Authorization", () => {
    it("refuses a header without q-signature as AccessDenied naming the field", () => {
      const error = rejection(() =>
        parseAuthorization("q-sign-algorithm=sha1&q-ak=A&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list="),
      );
      assert.equal(error.code, "AccessDenied");
      assert.match(error.message, /q-signature/);
    });

    it("refuses a sign time that ends before it starts", () => {
      const value = "q-sign-algorithm=sha1&q-ak=A&q-sign-time=5;2&q-key-time=5;2&q-header-list=&q-url-param-list=&q-signature=ab";
      assert.equal(rejection(() => parseAuthorization(value)).code, "AccessDenied");
    });

    it("reads empty header and parameter lists as empty", () => {
      const value = "q-sign-algorithm=sha1&q-ak=A&q-sign-time=1;2&q-key-time=1;2&q-header-list=&q-url-param-list=&q-signature=AB";
      const auth = parseAuthorization(value);
      assert.deepEqual([auth.headerList, auth.urlParamList, auth.signature], [[], [], "ab"]);
    });
  });

  describe("percent-encoding", () => {
    it("encodes everything but the RFC 3986 unreserved set, UTF-8, upper-case hex", () => {
      assert.equal(rfc3986Encode("a-b_c.d~e f*'()!+/:,转"), "a-b_c.d~e%20f%2A%27%28%29%21%2B%2F%3A%2C%E8%BD%AC");
    });
  });
});
