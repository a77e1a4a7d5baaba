import { strict as assert } from "node:assert";
import { deriveSeed, newJobId, newRequestId, SeededRandom } from "../../../emulator/service/random";
import { formatCiTime, formatHttpDate, formatOptionalCiTime, parseCiTime } from "../../../emulator/service/timeFormat";

describe("emulator: time formats and ids", () => {
  it("formats job times in China time with +0800, and '-' when unset", () => {
    assert.equal(formatCiTime(Date.UTC(2022, 5, 27, 7, 23, 10)), "2022-06-27T15:23:10+0800");
    assert.equal(formatCiTime(Date.UTC(2021, 11, 31, 16, 0, 0)), "2022-01-01T00:00:00+0800");
    assert.equal(formatOptionalCiTime(undefined), "-");
  });

  it("parses %Y-%m-%dT%H:%M:%S%z with any offset", () => {
    assert.equal(parseCiTime("2022-06-27T15:23:10+0800"), Date.UTC(2022, 5, 27, 7, 23, 10));
    assert.equal(parseCiTime("2022-06-27T07:23:10+0000"), Date.UTC(2022, 5, 27, 7, 23, 10));
    assert.equal(parseCiTime("2022-06-27T02:23:10-0500"), Date.UTC(2022, 5, 27, 7, 23, 10));
  });

  it("refuses times without an offset, with a colon offset, or naming no real instant", () => {
    for (const text of [
      "2022-06-27T15:23:10",
      "2022-06-27T15:23:10+08:00",
      "2022-06-27 15:23:10+0800",
      "2022-13-01T00:00:00+0800",
      "2022-02-29T00:00:00+0800",
      "2022-01-01T24:00:00+0800",
      "",
    ]) {
      assert.equal(parseCiTime(text), undefined, text);
    }
    assert.notEqual(parseCiTime("2024-02-29T00:00:00+0800"), undefined);
  });

  it("formats the Date header as RFC 1123 GMT", () => {
    assert.equal(formatHttpDate(Date.UTC(2022, 5, 28, 15, 23, 12)), "Tue, 28 Jun 2022 15:23:12 GMT");
  });

  it("makes job ids of 'b' and 32 hex digits, the same for the same seed", () => {
    const ids = (seed: number) => {
      const random = new SeededRandom(deriveSeed(seed, "job-ids"));
      return [newJobId(random), newJobId(random)];
    };
    assert.match(ids(1)[0], /^b[0-9a-f]{32}$/);
    assert.deepEqual(ids(1), ids(1));
    assert.notDeepEqual(ids(1), ids(2));
  });

  it("continues a generator from its saved state", () => {
    const random = new SeededRandom(5);
    random.hex(10);
    const restored = SeededRandom.restore(random.state);
    assert.equal(restored.hex(16), random.hex(16));
  });

  it("makes request ids that decode to <hex seconds>_<hex>_<hex>_<counter>", () => {
    const id = newRequestId(new SeededRandom(1), Date.UTC(2022, 5, 30, 7, 0, 0), 26);
    assert.match(Buffer.from(id, "base64").toString("utf8"), /^62bd49f0_[0-9a-f]{8}_[0-9a-f]{4}_1a$/);
  });
});
