/**
 * The client's failure table, pinned as one table: each code's retry and sent facts and its words,
 * as undici pins its error codes; and the codes the client raises itself.
 */
import { strict as assert } from "node:assert";
import { CLIENT_ERROR_CODES } from "../../../provider/client/errors";
import {
  CALL_DEADLINE_CODE,
  connectionFailure,
  describeFailure,
  NOT_SENT_ERROR_CODES,
  RETRYABLE_ERROR_CODES,
  retryReason,
  shortFailureReason,
} from "../../../provider/client/failures";
import { CODEC_ERROR_CODE } from "../../../provider/codec/codecError";

/** code → retryable, not sent, timed out, long words (endpoint h:1, 20 s timeout, 90 s deadline), short words. */
const TABLE: [string, boolean, boolean, boolean, string, string][] = [
  ["", true, false, false, "the connection to h:1 failed", "connection failed"],
  ["ECONNRESET", true, false, false, "the connection to h:1 failed (ECONNRESET)", "connection failed (ECONNRESET)"],
  ["ECONNREFUSED", true, true, false, "h:1 refused the connection (ECONNREFUSED)", "connection refused (ECONNREFUSED)"],
  ["ENOTFOUND", true, true, false, "the host of h:1 could not be resolved (ENOTFOUND)", "host not found (ENOTFOUND)"],
  ["EAI_AGAIN", true, true, false, "the host of h:1 could not be resolved (EAI_AGAIN)", "host not found (EAI_AGAIN)"],
  ["ENETDOWN", true, false, false, "the connection to h:1 failed (ENETDOWN)", "connection failed (ENETDOWN)"],
  ["ENETUNREACH", true, true, false, "the connection to h:1 failed (ENETUNREACH)", "connection failed (ENETUNREACH)"],
  ["EHOSTDOWN", true, false, false, "the connection to h:1 failed (EHOSTDOWN)", "connection failed (EHOSTDOWN)"],
  ["EHOSTUNREACH", true, true, false, "the connection to h:1 failed (EHOSTUNREACH)", "connection failed (EHOSTUNREACH)"],
  ["EPIPE", true, false, false, "the connection to h:1 failed (EPIPE)", "connection failed (EPIPE)"],
  ["ETIMEDOUT", true, false, true, "could not connect to h:1 in time (ETIMEDOUT)", "no connection in time (ETIMEDOUT)"],
  ["UND_ERR_SOCKET", true, false, false, "the connection to h:1 failed (UND_ERR_SOCKET)", "connection failed (UND_ERR_SOCKET)"],
  [
    "UND_ERR_CONNECT_TIMEOUT",
    true,
    true,
    true,
    "could not connect to h:1 in time (UND_ERR_CONNECT_TIMEOUT)",
    "no connection in time (UND_ERR_CONNECT_TIMEOUT)",
  ],
  [
    "UND_ERR_HEADERS_TIMEOUT",
    true,
    false,
    true,
    "no response from h:1 within 20 s (UND_ERR_HEADERS_TIMEOUT)",
    "no response within 20 s (UND_ERR_HEADERS_TIMEOUT)",
  ],
  [
    "UND_ERR_BODY_TIMEOUT",
    true,
    false,
    true,
    "no response from h:1 within 20 s (UND_ERR_BODY_TIMEOUT)",
    "no response within 20 s (UND_ERR_BODY_TIMEOUT)",
  ],
  ["UND_ERR_CLOSED", true, false, false, "the connection to h:1 failed (UND_ERR_CLOSED)", "connection failed (UND_ERR_CLOSED)"],
  [CALL_DEADLINE_CODE, false, false, true, "no answer from h:1 within the call's deadline of 90 s", "the call's deadline passed"],
  ["ESOMETHINGNEW", false, false, false, "the connection to h:1 failed (ESOMETHINGNEW)", "connection failed (ESOMETHINGNEW)"],
  [
    "UND_ERR_NEW_TIMEOUT",
    false,
    false,
    true,
    "the connection to h:1 failed (UND_ERR_NEW_TIMEOUT)",
    "connection failed (UND_ERR_NEW_TIMEOUT)",
  ],
];

describe("the client's failure table", () => {
  for (const [code, retryable, notSent, timedOut, long, short] of TABLE) {
    it(`${code === "" ? "a failure without a code" : code}: retryable ${String(retryable)}, not sent ${String(notSent)}, timed out ${String(timedOut)}, and its words`, () => {
      const failure = connectionFailure(code);
      assert.deepEqual([failure.retryable, failure.notSent, failure.timedOut], [retryable, notSent, timedOut]);
      assert.equal(describeFailure(code, "h:1", 20_000, 90_000), long);
      assert.equal(shortFailureReason(code, 20_000), short);
    });
  }

  it("hands undici's retries exactly the retryable codes it can see, and the unreachable deadline exactly the unsent ones", () => {
    assert.deepEqual(
      [...RETRYABLE_ERROR_CODES].sort(),
      TABLE.filter(([code, retryable]) => code !== "" && retryable)
        .map(([code]) => code)
        .sort(),
    );
    assert.deepEqual([...NOT_SENT_ERROR_CODES].sort(), [
      "EAI_AGAIN",
      "ECONNREFUSED",
      "EHOSTUNREACH",
      "ENETUNREACH",
      "ENOTFOUND",
      "UND_ERR_CONNECT_TIMEOUT",
    ]);
  });

  it("words a retry the same for every call: the HTTP status of an answer, else the short words of the failure", () => {
    assert.equal(retryReason({ statusCode: 503, code: "ServiceUnavailable" }), "HTTP 503");
    assert.equal(retryReason({ code: "ECONNRESET" }), "connection failed (ECONNRESET)");
  });

  it("spells every code the client and codec raise as the service spells its own", () => {
    assert.deepEqual(CLIENT_ERROR_CODES, {
      invalidConfiguration: "InvalidConfiguration",
      invalidArgument: "ClientInvalidArgument",
      connection: "ConnectionError",
      timeout: "RequestTimeout",
      responseTooLarge: "ResponseTooLarge",
      malformedResponse: "MalformedResponse",
      httpError: "HttpError",
    });
    for (const code of [...Object.values(CLIENT_ERROR_CODES), CODEC_ERROR_CODE, CALL_DEADLINE_CODE])
      assert.match(code, /^[A-Z][A-Za-z]+$/, code);
  });
});
