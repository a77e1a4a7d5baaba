import { strict as assert } from "node:assert";
import { setTimeout as delay } from "node:timers/promises";
import { watchParent } from "../../shared/parentWatch";

describe("watchParent, the one parent watch of the provider process and the emulator's CLI", () => {
  it("reports once, with the old and new parent, when the parent pid changes", async () => {
    let parent = 4242;
    const reasons: string[] = [];
    const watch = watchParent({
      intervalMs: 5,
      onGone: (why) => reasons.push(why),
      probe: { parentPid: () => parent, isAlive: () => true },
    });
    await delay(30);
    assert.deepEqual(reasons, []);
    parent = 1;
    await delay(50);
    watch.stop();
    assert.deepEqual(reasons, ["its parent 4242 is gone (now 1)"]);
  });

  it("reports nothing once stopped, so a process stopping for another reason is not stopped twice", async () => {
    let parent = 4242;
    const reasons: string[] = [];
    const watch = watchParent({
      intervalMs: 5,
      onGone: (why) => reasons.push(why),
      probe: { parentPid: () => parent, isAlive: () => true },
    });
    watch.stop();
    parent = 1;
    await delay(40);
    assert.deepEqual(reasons, []);
  });
});
