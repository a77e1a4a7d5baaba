import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS, DEMO_WORKFLOW_ID } from "../../../emulator";
import { CiClient } from "../../../provider/client/ciClient";
import { encodeJobsResponse } from "../../support/wireCodec";
import type { JobDetail, ListJobsQuery } from "../../../provider/model";
import { useEmulator, workflowTrigger } from "../../support/emulatorFixture";
import { startHttpStub } from "./stubServers";

const OTHER_WORKFLOW_ID = "w0123456789abcdef0123456789abcdef";

describe("CiClient: listJobs filters, over both types when none is given", () => {
  // Jobs keep the state a test gives them.
  const fixture = useEmulator({ seed: 5, lifecycle: { transitions: [] } });
  let alpha: JobDetail;
  let beta: JobDetail;
  let gamma: JobDetail;

  beforeEach(async () => {
    const { client, emulator } = fixture;
    alpha = await client.triggerJob(workflowTrigger("alpha"));
    emulator.backend.advanceTime(61_000);
    beta = await client.triggerJob({ name: "beta", type: "Job", input: { prefix: "media/" }, operation: { tag: "MediaInfo" } });
    emulator.backend.advanceTime(61_000);
    gamma = await client.triggerJob({ ...workflowTrigger("gamma"), operation: { workflowIds: [OTHER_WORKFLOW_ID] } });
    emulator.backend.setJobState(alpha.jobId, "Running");
    emulator.backend.setJobState(beta.jobId, "Success");
    emulator.backend.setJobState(gamma.jobId, "Submitted");
    emulator.requests.clear();
  });

  async function names(query: ListJobsQuery): Promise<string[]> {
    fixture.emulator.requests.clear();
    const found: string[] = [];
    for await (const job of fixture.client.listJobs(query)) found.push(job.name ?? "");
    return found;
  }

  /** The query strings the emulator received for the last listing, decoded. */
  function sentQueries(): Record<string, string>[] {
    return fixture.emulator.requests.forOperation("DescribeInventoryTriggerJobs").map((entry) => entry.query);
  }

  /** The same query sent once per type, as a listing without type is. */
  function perType(query: Record<string, string>): Record<string, string>[] {
    return [
      { ...query, type: "Workflow" },
      { ...query, type: "Job" },
    ];
  }

  it("lists Workflow and Job jobs alike, newest first, when no filter is given, though the service lists one type by default", async () => {
    assert.deepEqual(await names({}), ["gamma", "beta", "alpha"]);
    assert.deepEqual(sentQueries(), perType({}));
    const page = await fixture.client.listJobsPage({});
    assert.deepEqual(
      page.jobs.map((job) => job.name),
      ["gamma", "alpha"],
      "a single page without type holds the default type only",
    );
  });

  it("filters by type", async () => {
    assert.deepEqual(await names({ type: "Job" }), ["beta"]);
    assert.deepEqual(sentQueries(), [{ type: "Job" }]);
    assert.deepEqual(await names({ type: "Workflow" }), ["gamma", "alpha"]);
  });

  it("filters by several states, sent comma-joined", async () => {
    assert.deepEqual(await names({ states: ["Running", "Success"] }), ["beta", "alpha"]);
    assert.deepEqual(sentQueries(), perType({ states: "Running,Success" }));
  });

  it("filters by name", async () => {
    assert.deepEqual(await names({ name: "beta" }), ["beta"]);
  });

  it("filters by jobId", async () => {
    assert.deepEqual(await names({ jobId: alpha.jobId }), ["alpha"]);
    assert.deepEqual(sentQueries(), perType({ jobId: alpha.jobId }));
  });

  it("filters by workflowId", async () => {
    assert.deepEqual(await names({ workflowId: OTHER_WORKFLOW_ID }), ["gamma"]);
    assert.deepEqual(await names({ workflowId: DEMO_WORKFLOW_ID }), ["alpha"]);
  });

  it("filters by creation time range, both ends included", async () => {
    const middle = beta.creationTime ?? assert.fail("the trigger returned no CreationTime");
    assert.deepEqual(await names({ startCreationTime: middle, endCreationTime: middle }), ["beta"]);
    assert.deepEqual(sentQueries(), perType({ startCreationTime: middle, endCreationTime: middle }));
    assert.deepEqual(await names({ startCreationTime: middle }), ["gamma", "beta"]);
    assert.deepEqual(await names({ endCreationTime: middle }), ["beta", "alpha"]);
  });

  it("orders by creation time ascending or descending", async () => {
    assert.deepEqual(await names({ orderByTime: "Asc" }), ["alpha", "beta", "gamma"]);
    assert.deepEqual(await names({ orderByTime: "Desc" }), ["gamma", "beta", "alpha"]);
  });

  it("returns at most size jobs per page and a nextToken that continues the listing", async () => {
    const first = await fixture.client.listJobsPage({ size: 1, orderByTime: "Asc", type: "Workflow" });
    assert.deepEqual(
      first.jobs.map((job) => job.name),
      ["alpha"],
    );
    assert.equal(typeof first.nextToken, "string");
    assert.equal(typeof first.requestId, "string");
    const second = await fixture.client.listJobsPage({ size: 1, orderByTime: "Asc", type: "Workflow", nextToken: first.nextToken });
    assert.deepEqual(
      second.jobs.map((job) => job.name),
      ["gamma"],
    );
    assert.deepEqual(sentQueries().at(-1), { size: "1", orderByTime: "Asc", type: "Workflow", nextToken: first.nextToken });
  });

  it("merges pages of both types in creation order, with small pages", async () => {
    assert.deepEqual(await names({ size: 1, orderByTime: "Asc" }), ["alpha", "beta", "gamma"]);
    assert.deepEqual(await names({ size: 1 }), ["gamma", "beta", "alpha"]);
  });
});

describe("CiClient: listJobs over many pages", () => {
  const fixture = useEmulator({ seed: 6 });
  const total = 250;

  beforeEach(async () => {
    for (let start = 0; start < total; start += 50) {
      const batch = Array.from({ length: Math.min(50, total - start) }, (_, i) => workflowTrigger(`many-${start + i}`));
      await Promise.all(batch.map((request) => fixture.client.triggerJob(request)));
    }
    fixture.emulator.requests.clear();
  });

  function listRequests() {
    return fixture.emulator.requests.forOperation("DescribeInventoryTriggerJobs");
  }

  it("follows NextToken one page at a time: ceil(250/size) requests and all 250 distinct jobs", async () => {
    const size = 40;
    const ids = new Set<string>();
    let index = 0;
    for await (const job of fixture.client.listJobs({ size, type: "Workflow" })) {
      // The page holding this job has been fetched, and none after it.
      assert.equal(listRequests().length, Math.floor(index / size) + 1, `requests made by job ${index}`);
      ids.add(job.jobId);
      index += 1;
    }
    assert.equal(index, total);
    assert.equal(ids.size, total);
    assert.deepEqual(
      [...ids].sort(),
      fixture.emulator.backend
        .jobs()
        .map((job) => job.jobId)
        .sort(),
    );
    const requests = listRequests();
    assert.equal(requests.length, Math.ceil(total / size));
    assert.ok(
      requests.every((entry) => entry.query.size === "40" && entry.query.type === "Workflow"),
      "every page keeps the query",
    );
    assert.deepEqual(
      requests.map((entry) => "nextToken" in entry.query),
      requests.map((_, page) => page > 0),
    );
  });

  it("stops after the first page of each type when the caller breaks out of the loop", async () => {
    for await (const job of fixture.client.listJobs({ size: 10 })) {
      assert.ok(job.jobId);
      break;
    }
    assert.deepEqual(
      listRequests().map((entry) => entry.query.type),
      ["Workflow", "Job"],
    );
  });
});

describe("CiClient: listJobs against a service that repeats a NextToken", () => {
  it("stops instead of looping when a token comes back a second time", async () => {
    let page = 0;
    const stub = await startHttpStub((request, response) => {
      request.resume();
      page += 1;
      const body = encodeJobsResponse({ jobs: [{ jobId: `b${page}`, name: `job-${page}` }], nonExistJobIds: [], nextToken: "same-token" });
      response.writeHead(200, { "content-type": "application/xml" }).end(body);
    });
    const client = new CiClient({ ...DEMO_CREDENTIALS, endpoint: stub.url });
    try {
      const seen: string[] = [];
      for await (const job of client.listJobs({ type: "Workflow" })) seen.push(job.jobId);
      assert.deepEqual(seen, ["b1", "b2"]);
      assert.equal(stub.received, 2);
    } finally {
      await client.close();
      await stub.close();
    }
  });
});
