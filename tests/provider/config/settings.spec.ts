import { strict as assert } from "node:assert";
import { CiError } from "../../../provider/client/errors";
import { clientOptionsFor, PROVIDER_MAX_RETRIES, resolveSettings, settingFailures } from "../../../provider/config/settings";

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

describe("settings judged at preview, before anything is sent", () => {
  const credentials = { secretId: "AKIDEXAMPLE", secretKey: "never-printed-key" };

  it("finds nothing wrong with credentials and an endpoint, or with a region and bucket", () => {
    assert.deepEqual(settingFailures({ ...credentials, endpoint: "http://127.0.0.1:9000" }), []);
    assert.deepEqual(settingFailures({ ...credentials, region: "ap-guangzhou", bucket: "media-1250000000" }), []);
  });

  it("names the stack config key and the variable of a missing region, bucket or credential, never a value", () => {
    const failures = settingFailures({ secretId: "AKIDEXAMPLE" });
    assert.deepEqual(
      failures.map((failure) => failure.property),
      ["tencent-ci:secretKey", "region", "bucket"],
    );
    assert.match(failures[0].reason, /tencent-ci:secretKey \(or TENCENTCLOUD_SECRET_KEY\)/);
    assert.match(failures[1].reason, /set tencent-ci:region \(or TENCENTCLOUD_REGION\), or the resource's region/);
    assert.match(failures[2].reason, /set tencent-ci:bucket \(or TENCENTCLOUD_CI_BUCKET\)/);
    assert.ok(failures.every((failure) => !failure.reason.includes("AKIDEXAMPLE")));
  });

  it("takes a resource's own or still unknown region and bucket instead of the stack's", () => {
    assert.deepEqual(settingFailures(credentials, { region: "ap-beijing", bucket: "b-1250000000" }), []);
    assert.deepEqual(settingFailures(credentials, {}, { region: true, bucket: true }), []);
  });

  it("refuses a malformed region, a plain-http endpoint off this machine and a setting out of range", () => {
    assert.match(
      settingFailures({ ...credentials, region: "Guangzhou", bucket: "media-1250000000" })[0].reason,
      /tencent-ci:region \(or TENCENTCLOUD_REGION\) must be a region/,
    );
    const endpoint = settingFailures({ ...credentials, endpoint: "http://ci.example.com" });
    assert.equal(endpoint[0].property, "tencent-ci:endpoint");
    assert.match(endpoint[0].reason, /TENCENTCLOUD_CI_ENDPOINT.*plain http/);
    assert.equal(
      settingFailures({ ...credentials, endpoint: "http://127.0.0.1:1", visibilityWindowSeconds: "601" })[0].property,
      "tencent-ci:visibilityWindowSeconds",
    );
  });
});
