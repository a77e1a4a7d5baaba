import assert from "node:assert/strict";
import { CODEC_ERROR_CODE } from "../../../provider/codec/codecError";
import { CodecError } from "../../../provider/codec/codecError";
import { decodeJobsResponse, type JobsResponse } from "../../../provider/codec/jobsResponse";
import { encodeJobsResponse } from "../../support/wireCodec";
import type { JobDetail } from "../../../provider/model";
import { fullJobDetail, listSampleJob, querySampleWorkflowJob, sample } from "../../support/samples";

/** The Workflow job every query sample of the vendor describes. */
const WORKFLOW_JOB: JobDetail = querySampleWorkflowJob();

describe("jobsResponse codec", () => {
  describe("decodeJobsResponse on the vendor's samples", () => {
    it("reads the trigger response: one job, empty <Message/> and '-' times absent", () => {
      assert.deepEqual(decodeJobsResponse(sample("trigger-response.xml")), { jobs: [WORKFLOW_JOB], nonExistJobIds: [] });
    });

    it("reads the trigger page's second response, where Type comes before Message, the same way", () => {
      assert.deepEqual(decodeJobsResponse(sample("trigger-response-sample.xml")), { jobs: [WORKFLOW_JOB], nonExistJobIds: [] });
    });

    it("reads the indented query sample with the spaces after </WorkflowIds>", () => {
      assert.deepEqual(decodeJobsResponse(sample("query-response.xml")), {
        requestId: "NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==",
        jobs: [WORKFLOW_JOB],
        nonExistJobIds: [],
      });
    });

    it("reads the unindented 2024 edition of the query sample the same way", () => {
      assert.deepEqual(decodeJobsResponse(sample("query-response-2024.xml")), decodeJobsResponse(sample("query-response.xml")));
    });

    it("reads the list sample: a Workflow job, a Job job with every Operation element, and NextToken 25", () => {
      const page = decodeJobsResponse(sample("list-response.xml"));
      assert.equal(page.requestId, "NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==");
      assert.equal(page.nextToken, "25");
      assert.equal(page.jobs.length, 2);
      assert.deepEqual(page.jobs[0], WORKFLOW_JOB);
      assert.deepEqual(page.jobs[1], listSampleJob());
    });

    it("rejects the query page's skeleton, whose <RequestId> is never closed", () => {
      assert.throws(() => decodeJobsResponse(sample("query-response-skeleton-malformed.xml")), CodecError);
    });
  });

  describe("decodeJobsResponse on other shapes", () => {
    it("gives an empty job list when there is no JobsDetail", () => {
      assert.deepEqual(decodeJobsResponse("<Response><RequestId>r</RequestId><NextToken></NextToken></Response>"), {
        requestId: "r",
        jobs: [],
        nonExistJobIds: [],
      });
    });

    it("treats an empty NextToken as the last page", () => {
      assert.equal(decodeJobsResponse("<Response><NextToken/></Response>").nextToken, undefined);
    });

    it("keeps ids and tokens as strings even when they look like numbers", () => {
      const response = decodeJobsResponse(
        "<Response><RequestId>0012</RequestId><JobsDetail><JobId>1e5</JobId></JobsDetail><NextToken>007</NextToken></Response>",
      );
      assert.equal(response.requestId, "0012");
      assert.equal(response.jobs[0].jobId, "1e5");
      assert.equal(response.nextToken, "007");
    });

    it("reads one NonExistJobIds id", () => {
      assert.deepEqual(decodeJobsResponse("<Response><NonExistJobIds>b1</NonExistJobIds></Response>").nonExistJobIds, ["b1"]);
    });

    it("reads comma-separated NonExistJobIds", () => {
      assert.deepEqual(decodeJobsResponse("<Response><NonExistJobIds>b1, b2,b3</NonExistJobIds></Response>").nonExistJobIds, [
        "b1",
        "b2",
        "b3",
      ]);
    });

    it("reads repeated NonExistJobIds elements", () => {
      assert.deepEqual(
        decodeJobsResponse("<Response><NonExistJobIds>b1</NonExistJobIds><NonExistJobIds>b2,b3</NonExistJobIds></Response>").nonExistJobIds,
        ["b1", "b2", "b3"],
      );
    });

    it("reads the singular NonExistJobId spelling of the Go SDK", () => {
      assert.deepEqual(decodeJobsResponse("<Response><NonExistJobId>b1</NonExistJobId></Response>").nonExistJobIds, ["b1"]);
    });

    it("gives no NonExistJobIds for an empty element", () => {
      assert.deepEqual(decodeJobsResponse("<Response><NonExistJobIds></NonExistJobIds></Response>").nonExistJobIds, []);
    });

    it("decodes numeric character references such as the &#34; Go writes for quotes", () => {
      const response = decodeJobsResponse(
        "<Response><JobsDetail><JobId>j</JobId><Message>say &#34;hi&#34; &#x4e2d;</Message></JobsDetail></Response>",
      );
      assert.equal(response.jobs[0].message, 'say "hi" 中');
    });

    it("accepts an XML declaration and a byte-order mark", () => {
      const response = decodeJobsResponse('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<Response><RequestId>r</RequestId></Response>\n');
      assert.equal(response.requestId, "r");
    });
  });

  describe("decodeJobsResponse on malformed bodies", () => {
    const cases: [string, string][] = [
      ["an empty body", ""],
      ["plain text", "Service Unavailable"],
      ["an HTML error page", "<html><body><h1>502</h1></body>"],
      ["an unclosed element", "<Response><JobsDetail>"],
      ["two root elements", "<Response/><Response/>"],
      ["an <Error> body", "<Error><Code>NoSuchKey</Code></Error>"],
      ["a Response holding only text", "<Response>oops</Response>"],
      ["a DOCTYPE with entities", '<!DOCTYPE r [<!ENTITY x "boom">]><Response><RequestId>&x;</RequestId></Response>'],
      ["a JobsDetail without JobId", "<Response><JobsDetail><Name>n</Name></JobsDetail></Response>"],
      [
        "a JobLevel that is not a number",
        "<Response><JobsDetail><JobId>j</JobId><Operation><JobLevel>high</JobLevel></Operation></JobsDetail></Response>",
      ],
      [
        "text where Operation should hold elements",
        "<Response><JobsDetail><JobId>j</JobId><Operation>x</Operation></JobsDetail></Response>",
      ],
      ["a repeated single-valued element", "<Response><JobsDetail><JobId>j</JobId><JobId>k</JobId></JobsDetail></Response>"],
      [
        "a reserved JavaScript name as an element",
        "<Response><JobsDetail><JobId>j</JobId><__proto__><a>1</a></__proto__></JobsDetail></Response>",
      ],
    ];
    for (const [what, body] of cases) {
      it(`throws a CodecError with code ${CODEC_ERROR_CODE} for ${what}`, () => {
        assert.throws(
          () => decodeJobsResponse(body),
          (error: unknown) => error instanceof CodecError && (error.code as string) === CODEC_ERROR_CODE,
        );
      });
    }
  });

  describe("encodeJobsResponse", () => {
    it("round-trips a response holding a job with every field, missing ids and a token", () => {
      const response: JobsResponse = {
        requestId: "NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==",
        jobs: [fullJobDetail(), WORKFLOW_JOB],
        nonExistJobIds: ["b1", "b2"],
        nextToken: "25",
      };
      assert.deepEqual(decodeJobsResponse(encodeJobsResponse(response)), response);
    });

    it("writes the trigger sample's job in the sample's element order", () => {
      const xml = encodeJobsResponse({ jobs: [{ ...WORKFLOW_JOB, message: "" }], nonExistJobIds: [] });
      assert.equal(
        xml,
        "<Response><JobsDetail><Code>Success</Code><Message></Message><Type>Workflow</Type><Name>demo</Name>" +
          "<JobId>b3deffea2f84911ec9cb15254008618d9</JobId><State>Running</State><CreationTime>2022-06-27T15:23:10+0800</CreationTime>" +
          "<Input><Prefix>input</Prefix></Input><Operation><TimeInterval><Start>2022-02-01T12:00:00+0800</Start>" +
          "<End>2022-05-01T12:00:00+0800</End></TimeInterval><WorkflowIds>w7476ff3564ee45b7b490d64bccaba6cc</WorkflowIds></Operation>" +
          "</JobsDetail></Response>",
      );
    });
  });
});
