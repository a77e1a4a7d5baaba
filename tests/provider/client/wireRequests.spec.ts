/**
 * The golden wire requests: what the client sends for each operation, byte for byte, against
 * `tests/fixtures/wire/<operation>.http`. A change to the codec, the signer, the transport or undici
 * that alters a request fails here, with the difference to read, rather than only against the
 * service. After an intended change, regenerate with `npm run fixtures:wire` and review the diff.
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { captureWireRequests, WIRE_FIXTURES_DIR, WIRE_OPERATIONS, wireFixturePath } from "../../../scripts/generateWireRequests";
import type { WireOperation } from "../../../scripts/generateWireRequests";
import { repoRoot } from "../../../scripts/pulumiCli";

describe("the client's requests on the wire", () => {
  let sent: Record<WireOperation, string>;

  before(async () => {
    sent = await captureWireRequests();
  });

  for (const operation of WIRE_OPERATIONS) {
    it(`sends ${operation} exactly as ${WIRE_FIXTURES_DIR}/${operation}.http records it, signature verified and redacted`, () => {
      const golden = readFileSync(wireFixturePath(repoRoot, operation));
      assert.equal(sent[operation], golden.toString("utf8"));
      assert.ok(Buffer.from(sent[operation], "utf8").equals(golden));
    });
  }

  it("has one golden file per operation and no other", () => {
    const files = readdirSync(path.join(repoRoot, WIRE_FIXTURES_DIR)).sort();
    assert.deepEqual(files, WIRE_OPERATIONS.map((operation) => `${operation}.http`).sort());
  });
});
