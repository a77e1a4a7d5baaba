import { strict as assert } from "node:assert";
import { CiError } from "../../../provider/client/errors";
import { clientOptionsFor, PROVIDER_MAX_RETRIES, resolveSettings } from "../../../provider/config/settings";

const CREDENTIALS = { "tencent-ci:secretId": "AKIDexample", "tencent-ci:secretKey": "key-for-settings-test" };

function optionsFrom(config: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return clientOptionsFor(
    resolveSettings((key) => ({ ...CREDENTIALS, ...config })[key], env),
    { region: "ap-guangzhou", bucket: "media-1250000000" },
  );
}

describe("provider settings for request timeouts and retries", () => {
  it("leaves the client's timeout and the provider's retries when nothing is set", () => {
    const options = optionsFrom({});
    assert.equal(options.timeoutMs, undefined);
    assert.equal(options.maxRetries, PROVIDER_MAX_RETRIES);
  });

  it("takes tencent-ci:requestTimeoutSeconds and tencent-ci:maxRetries from stack config", () => {
    const options = optionsFrom({ "tencent-ci:requestTimeoutSeconds": "5", "tencent-ci:maxRetries": "0" });
    assert.equal(options.timeoutMs, 5000);
    assert.equal(options.maxRetries, 0);
  });

  it("falls back to TENCENTCLOUD_CI_REQUEST_TIMEOUT_SECONDS and TENCENTCLOUD_CI_MAX_RETRIES, config winning", () => {
    const env = { TENCENTCLOUD_CI_REQUEST_TIMEOUT_SECONDS: "7", TENCENTCLOUD_CI_MAX_RETRIES: "3" };
    assert.deepEqual([optionsFrom({}, env).timeoutMs, optionsFrom({}, env).maxRetries], [7000, 3]);
    assert.equal(optionsFrom({ "tencent-ci:maxRetries": "1" }, env).maxRetries, 1);
  });

  for (const [key, value] of [
    ["tencent-ci:requestTimeoutSeconds", "0"],
    ["tencent-ci:requestTimeoutSeconds", "2.5"],
    ["tencent-ci:requestTimeoutSeconds", "ten"],
    ["tencent-ci:maxRetries", "-1"],
    ["tencent-ci:maxRetries", "1000"],
  ]) {
    it(`refuses ${key}=${value} with an error naming the key and its variable`, () => {
      assert.throws(
        () => optionsFrom({ [key]: value }),
        (error: unknown) => {
          assert.ok(error instanceof CiError);
          assert.equal(error.code, "InvalidConfiguration");
          assert.ok(error.message.includes(key), error.message);
          assert.match(error.message, /TENCENTCLOUD_CI_/);
          return true;
        },
      );
    });
  }
});
