import assert from "node:assert/strict";
import { CodecError } from "../../../provider/codec/codecError";
import { decodeDescribeJobResponse } from "../../../provider/codec/describeJob";
import { sample } from "./samples";

describe("describeJob codec", () => {
  it("gives the job of the query sample", () => {
    const job = decodeDescribeJobResponse(sample("query-response.xml"), "b3deffea2f84911ec9cb15254008618d9");
    assert.equal(job?.state, "Running");
    assert.deepEqual(job?.operation?.workflowIds, ["w7476ff3564ee45b7b490d64bccaba6cc"]);
  });

  it("gives undefined when the id is listed under NonExistJobIds", () => {
    assert.equal(decodeDescribeJobResponse("<Response><RequestId>r</RequestId><NonExistJobIds>b1</NonExistJobIds></Response>", "b1"), undefined);
  });

  it("throws a CodecError when the answer is about another job", () => {
    assert.throws(() => decodeDescribeJobResponse(sample("query-response.xml"), "bother"), CodecError);
  });
});
