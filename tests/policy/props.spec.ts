import { strict as assert } from "node:assert";
import { unknownCheckingProxy } from "@pulumi/policy";
import { containsUnknown, isUnknown, readProps, UNKNOWN, valueAt } from "../../policy/props";
import { UNKNOWN as ENGINE_UNKNOWN } from "./helpers";

describe("readProps", () => {
  it("copies known values and replaces the engine's unknown sentinel, at any depth", () => {
    const props = readProps({
      name: ENGINE_UNKNOWN,
      operation: { workflowIds: ["w1", ENGINE_UNKNOWN], jobLevel: 1 },
      cancelOnDelete: false,
    });
    assert.deepEqual(props, { name: UNKNOWN, operation: { workflowIds: ["w1", UNKNOWN], jobLevel: 1 }, cancelOnDelete: false });
  });

  it("reads through the policy server's proxy without letting it throw", () => {
    const proxied = unknownCheckingProxy({ input: { prefix: ENGINE_UNKNOWN }, operation: { workflowIds: [ENGINE_UNKNOWN] } });
    assert.throws(() => proxied.input.prefix, /can't be known during preview/);
    assert.deepEqual(readProps(proxied), { input: { prefix: UNKNOWN }, operation: { workflowIds: [UNKNOWN] } });
  });

  it("recognises the typed unknown sentinels older engines sent", () => {
    assert.deepEqual(readProps({ jobLevel: "3eeb2bf0-c639-47a8-9e75-3b44932eb421", operation: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff" }), {
      jobLevel: UNKNOWN,
      operation: UNKNOWN,
    });
  });

  it("leaves out the serialized provider", () => {
    assert.deepEqual(readProps({ __provider: "exports.handler = ...", name: "a" }), { name: "a" });
  });
});

describe("containsUnknown, isUnknown and valueAt", () => {
  it("finds an unknown nested in lists and objects", () => {
    assert.equal(containsUnknown({ a: [1, { b: UNKNOWN }] }), true);
    assert.equal(containsUnknown({ a: [1, { b: "x" }] }), false);
    assert.equal(isUnknown(UNKNOWN), true);
    assert.equal(isUnknown(ENGINE_UNKNOWN), false);
  });

  it("follows property paths with list positions, and stops at an unknown", () => {
    const root = { operation: { output: { streamExtract: [{ object: "a" }, { object: "b" }] } }, input: UNKNOWN };
    assert.equal(valueAt(root, "operation.output.streamExtract[1].object"), "b");
    assert.equal(valueAt(root, "input.prefix"), UNKNOWN);
    assert.equal(valueAt(root, "operation.missing.deeper"), undefined);
  });
});
