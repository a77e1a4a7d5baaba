import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ciClient = path.resolve(__dirname, "../../../provider/client/ciClient.js");

describe("the client's loading of undici", () => {
  it("loads undici's dispatchers on the first request and never the package index with fetch, WebSocket and the mocks", function () {
    this.timeout(20_000);
    // A fresh process, as the provider's is on every refresh: a request to a closed port, then a look
    // at which undici modules it loaded. If undici's layout changes, the fallback loads the index and
    // this fails, so an upgrade that loses the saving is noticed.
    const script = `
      const { CiClient } = require(${JSON.stringify(ciClient)});
      const client = new CiClient({ secretId: "AKIDEXAMPLE", secretKey: "k", endpoint: "http://127.0.0.1:1", maxRetries: 0 });
      client.describeJob("j1").then(
        () => process.exit(2),
        (error) => {
          const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]/.test(file));
          process.stdout.write(JSON.stringify({ code: error.code, loaded: loaded.map((file) => file.replace(/^.*[\\\\/]node_modules[\\\\/]undici[\\\\/]/, "").replace(/\\\\/g, "/")) }));
          return client.close();
        },
      );
    `;
    const { code, loaded } = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as {
      code: string;
      loaded: string[];
    };
    assert.equal(code, "ConnectionError", "the request was made through the loaded dispatchers");
    assert.ok(loaded.includes("lib/dispatcher/agent.js"), loaded.join(", "));
    assert.ok(loaded.includes("lib/dispatcher/retry-agent.js"), loaded.join(", "));
    for (const heavy of ["index.js", "lib/web/fetch/index.js", "lib/web/websocket/websocket.js", "lib/mock/mock-agent.js"]) {
      assert.ok(!loaded.includes(heavy), `${heavy} was loaded`);
    }
  });
});
