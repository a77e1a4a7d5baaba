import assert from "node:assert/strict";
import { CodecError } from "../../../provider/codec/codecError";
import { decodeJobsResponse } from "../../../provider/codec/jobsResponse";
import { encodeListJobsQuery } from "../../../provider/codec/listJobs";
import type { ListJobsQuery } from "../../../provider/model";
import { sample } from "../../support/samples";

describe("listJobs codec", () => {
  describe("encodeListJobsQuery", () => {
    it("sends nothing for an empty query, as the list page's sample request does", () => {
      assert.deepEqual(encodeListJobsQuery({}), {});
    });

    it("sends every given parameter under the names of the list page", () => {
      const query: ListJobsQuery = {
        nextToken: "25",
        size: 100,
        type: "Job",
        orderByTime: "Asc",
        states: ["Running", "Failed"],
        startCreationTime: "2022-02-01T12:00:00+0800",
        endCreationTime: "2022-05-01T12:00:00+0800",
        workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
        jobId: "be8f65004eb8511eaaed4f377124a303c",
        name: "任务 demo",
      };
      assert.deepEqual(encodeListJobsQuery(query), {
        nextToken: "25",
        size: "100",
        type: "Job",
        orderByTime: "Asc",
        startCreationTime: "2022-02-01T12:00:00+0800",
        endCreationTime: "2022-05-01T12:00:00+0800",
        workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
        jobId: "be8f65004eb8511eaaed4f377124a303c",
        name: "任务 demo",
        states: "Running,Failed",
      });
    });

    it("sends type on its own when it is the only filter", () => {
      assert.deepEqual(encodeListJobsQuery({ type: "Workflow" }), { type: "Workflow" });
    });

    it("sends size 0 rather than dropping it", () => {
      assert.deepEqual(encodeListJobsQuery({ size: 0 }), { size: "0" });
    });

    it("treats empty text and an empty states list as not given", () => {
      assert.deepEqual(encodeListJobsQuery({ nextToken: "", name: "", states: [] }), {});
    });

    it("refuses a size that is not an integer", () => {
      assert.throws(() => encodeListJobsQuery({ size: 2.5 }), CodecError);
    });
  });

  describe("a page of the listing", () => {
    it("gives the list sample's two jobs and its NextToken 25 as a page", () => {
      const page = decodeJobsResponse(sample("list-response.xml"));
      assert.deepEqual(
        page.jobs.map((job) => [job.type, job.jobId]),
        [
          ["Workflow", "b3deffea2f84911ec9cb15254008618d9"],
          ["Job", "be8f65004eb8511eaaed4f377124a303c"],
        ],
      );
      assert.equal(page.nextToken, "25");
      assert.equal(page.requestId, "NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==");
    });

    it("gives no nextToken on the last page", () => {
      assert.equal("nextToken" in decodeJobsResponse("<Response><RequestId>r</RequestId><NextToken></NextToken></Response>"), false);
    });
  });
});
