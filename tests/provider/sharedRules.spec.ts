/** Rules the provider and the emulator must apply alike, each written on its own side: the name character set and the time window. */
import { strict as assert } from "node:assert";
import { parseTrigger } from "../../emulator/http/requests";
import { encodeTriggerJobRequest } from "../../provider/codec/triggerJob";
import { sanitizePrefix } from "../../provider/dynamic/autoName";
import { validateJobName, validateTriggerRequest } from "../../provider/validation/triggerRequest";

/** Names the pages allow: letters, digits, '-', '_' and Chinese characters, some outside U+4E00–U+9FFF. */
const ALLOWED = ["nightly-backfill_2", "批量转码", "批次〇", "任务々", "扩展𠀀B", "兀"];
/** Names holding a character outside the set. */
const REFUSED = ["with space", "dot.name", "emoji🎬", "カタカナ", "한국어", "é"];

function emulatorAccepts(name: string): boolean {
  const body = encodeTriggerJobRequest({ name, type: "Workflow", input: { prefix: "" }, operation: { workflowIds: ["w1"] } });
  try {
    parseTrigger(body);
    return true;
  } catch {
    return false;
  }
}

describe("the job name character set, the same in provider validation, auto-naming and the emulator's own copy", () => {
  for (const name of ALLOWED) {
    it(`accepts ${JSON.stringify(name)} in validation, keeps it whole in auto-naming, and the emulator takes it`, () => {
      assert.deepEqual(validateJobName(name), []);
      assert.equal(sanitizePrefix(name), name);
      assert.equal(emulatorAccepts(name), true);
    });
  }

  for (const name of REFUSED) {
    it(`refuses ${JSON.stringify(name)} in validation, replaces its odd character in auto-naming, and the emulator refuses it`, () => {
      assert.equal(validateJobName(name).length, 1);
      assert.notEqual(sanitizePrefix(name), name);
      assert.deepEqual(validateJobName(sanitizePrefix(name)), []);
      assert.equal(emulatorAccepts(name), false);
    });
  }
});

describe("the time window rule, the same in provider validation and emulator", () => {
  function windowRequest(start: string, end: string) {
    return {
      name: "window",
      type: "Workflow" as const,
      input: { prefix: "" },
      operation: { workflowIds: ["w1"], timeInterval: { start, end } },
    };
  }

  for (const [what, start, end, allowed] of [
    ["a start equal to the end", "2022-02-01T12:00:00+0800", "2022-02-01T04:00:00+0000", true],
    ["a start one second after the end", "2022-02-01T12:00:01+0800", "2022-02-01T12:00:00+0800", false],
  ] as const) {
    it(`${allowed ? "accepts" : "refuses"} ${what} on both sides`, () => {
      assert.equal(validateTriggerRequest(windowRequest(start, end)).length === 0, allowed);
      let emulatorAccepted = true;
      try {
        parseTrigger(encodeTriggerJobRequest(windowRequest(start, end)));
      } catch {
        emulatorAccepted = false;
      }
      assert.equal(emulatorAccepted, allowed);
    });
  }
});
