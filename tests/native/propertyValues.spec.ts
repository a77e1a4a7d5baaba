import { strict as assert } from "node:assert";
import { concealSecrets, revealSecrets, secretOf } from "../../provider/native/propertyValues";

describe("secrets on the wire", () => {
  it("are unwrapped at any depth, each named by the path validation failures use", () => {
    const wire = { name: secretOf("n"), input: { prefix: secretOf("p/") }, triggers: [1, secretOf(2)], plain: "x" };
    assert.deepEqual(revealSecrets(wire), {
      value: { name: "n", input: { prefix: "p/" }, triggers: [1, 2], plain: "x" },
      secretPaths: ["input.prefix", "name", "triggers[1]"],
    });
  });

  it("inside a secret are covered by the outer path alone", () => {
    assert.deepEqual(revealSecrets({ input: secretOf({ prefix: secretOf("p/") }) }).secretPaths, ["input"]);
  });

  it("are wrapped again at the same paths, whatever else the value holds", () => {
    const outputs = { name: "n", input: { prefix: "p/" }, triggers: [1, 2], jobId: "j1" };
    assert.deepEqual(concealSecrets(outputs, ["input.prefix", "name", "triggers[1]"]), {
      name: secretOf("n"),
      input: { prefix: secretOf("p/") },
      triggers: [1, secretOf(2)],
      jobId: "j1",
    });
  });

  it("are not invented where a path leads nowhere, nor wrapped twice", () => {
    const value = { input: { prefix: secretOf("p/") } };
    assert.deepEqual(concealSecrets(value, ["input.prefix", "operation.userData", "triggers[3]"]), value);
  });
});
