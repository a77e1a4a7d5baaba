import { strict as assert } from "node:assert";
import { retryProgressLine } from "../../../provider/dynamic/retryProgress";

describe("the progress line of a retry", () => {
  it("names the call, the endpoint, why, which attempt of how many comes next and after how long", () => {
    const line = retryProgressLine({
      operation: "ListJobs",
      endpoint: "media-1250000000.ci.ap-guangzhou.myqcloud.com:443",
      attempt: 2,
      maxAttempts: 9,
      delayMs: 1530,
      reason: "HTTP 503",
    });
    assert.equal(line, "[tencent-ci] ListJobs to media-1250000000.ci.ap-guangzhou.myqcloud.com:443: HTTP 503; attempt 2 of 9 in 1.5 s");
  });

  it("gives waits under a second in milliseconds", () => {
    assert.match(
      retryProgressLine({
        operation: "TriggerJob",
        endpoint: "127.0.0.1:9000",
        attempt: 3,
        maxAttempts: 3,
        delayMs: 97,
        reason: "connection refused (ECONNREFUSED)",
      }),
      /attempt 3 of 3 in 97 ms$/,
    );
  });
});
