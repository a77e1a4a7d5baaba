import { strict as assert } from "node:assert";
import { DEMO_WORKFLOW_ID, startEmulator, type RunningEmulator } from "../../emulator";
import { describeJob, jobTrigger, listJobs, ManualClock, triggerJob, workflowTrigger, type DecodedXml } from "./support/ciHttp";

const OTHER_WORKFLOW = "w1b4d6f8e0a2c4e6f8a0b2c4d6e8f0a2b";

function ids(reply: { xml: DecodedXml }): string[] {
  return ((reply.xml.Response.JobsDetail ?? []) as DecodedXml[]).map((job) => job.JobId as string);
}

describe("emulator: list jobs (GET /inventorytriggerjob)", () => {
  describe("filters and order", () => {
    let emulator: RunningEmulator;
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 4, 0, 0));
    const created: Record<string, string> = {};

    before(async () => {
      emulator = await startEmulator({
        clock: clock.read,
        lifecycle: { transitions: [] },
        catalogue: { workflowIds: [DEMO_WORKFLOW_ID, OTHER_WORKFLOW] },
      });
      const bodies: [string, string][] = [
        ["alpha", workflowTrigger("alpha", DEMO_WORKFLOW_ID)],
        ["beta", workflowTrigger("beta", OTHER_WORKFLOW)],
        ["gamma", jobTrigger("gamma", "<Tag>Transcode</Tag>")],
        ["delta", workflowTrigger("delta", `${DEMO_WORKFLOW_ID},${OTHER_WORKFLOW}`)],
      ];
      for (const [name, body] of bodies) {
        created[name] = (await triggerJob(emulator, body)).JobId as string;
        clock.tick(60_000);
      }
      emulator.backend.setJobState(created.beta, "Running");
      emulator.backend.setJobState(created.gamma, "Success");
      emulator.backend.setJobState(created.delta, "Failed", { code: "InternalError", message: "x" });
    });

    after(async () => {
      await emulator.close();
    });

    async function names(query: Record<string, string>): Promise<string[]> {
      const reply = await listJobs(emulator, query);
      assert.equal(reply.status, 200, reply.text);
      return ids(reply).map((id) => Object.keys(created).find((name) => created[name] === id) ?? id);
    }

    it("lists newest first by default", async () => {
      assert.deepEqual(await names({}), ["delta", "beta", "alpha"]);
    });

    it("lists only Workflow jobs when no type is given, as the service lists its default type", async () => {
      assert.deepEqual(await names({}), await names({ type: "Workflow" }));
      assert.ok(!(await names({ states: "All", size: "100" })).includes("gamma"));
    });

    it("lists oldest first with orderByTime=Asc", async () => {
      assert.deepEqual(await names({ orderByTime: "Asc" }), ["alpha", "beta", "delta"]);
      assert.deepEqual(await names({ type: "Job", orderByTime: "Asc" }), ["gamma"]);
    });

    it("filters by type", async () => {
      assert.deepEqual(await names({ type: "Job" }), ["gamma"]);
      assert.deepEqual(await names({ type: "Workflow" }), ["delta", "beta", "alpha"]);
    });

    it("filters by comma-separated states, All meaning every state", async () => {
      assert.deepEqual(await names({ states: "Running,Failed" }), ["delta", "beta"]);
      assert.deepEqual(await names({ states: "Submitted" }), ["alpha"]);
      assert.deepEqual(await names({ states: "All" }), ["delta", "beta", "alpha"]);
      assert.deepEqual(await names({ type: "Job", states: "Success" }), ["gamma"]);
      assert.deepEqual(await names({ states: "Cancel" }), []);
    });

    it("filters by creation time, both bounds included", async () => {
      const base = Date.UTC(2026, 0, 1, 4, 0, 0);
      const at = (minutes: number) => new Date(base + minutes * 60_000 + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+0800");
      assert.deepEqual(await names({ startCreationTime: at(1), endCreationTime: at(2) }), ["beta"]);
      assert.deepEqual(await names({ type: "Job", startCreationTime: at(1), endCreationTime: at(2) }), ["gamma"]);
      assert.deepEqual(await names({ startCreationTime: at(3) }), ["delta"]);
      assert.deepEqual(await names({ endCreationTime: "2026-01-01T04:00:00+0000" }), ["alpha"]);
    });

    it("filters by workflowId among comma-joined WorkflowIds", async () => {
      assert.deepEqual(await names({ workflowId: OTHER_WORKFLOW }), ["delta", "beta"]);
    });

    it("filters by jobId and by name", async () => {
      assert.deepEqual(await names({ type: "Job", jobId: created.gamma }), ["gamma"]);
      assert.deepEqual(await names({ name: "beta" }), ["beta"]);
      assert.deepEqual(await names({ name: "bet" }), []);
    });

    it("combines filters", async () => {
      assert.deepEqual(await names({ type: "Workflow", states: "Submitted,Running", orderByTime: "Asc" }), ["alpha", "beta"]);
    });

    it("answers an empty listing with RequestId and an empty NextToken", async () => {
      const reply = await listJobs(emulator, { name: "nobody" });
      assert.deepEqual(reply.xml.Response, { RequestId: reply.headers["x-ci-request-id"], NextToken: "" });
    });

    const invalid: [string, Record<string, string>][] = [
      ["size=0", { size: "0" }],
      ["size=101", { size: "101" }],
      ["size=ten", { size: "ten" }],
      ["size=-5", { size: "-5" }],
      ["an unknown state", { states: "Running,Done" }],
      ["an unknown type", { type: "Batch" }],
      ["an unknown order", { orderByTime: "Newest" }],
      ["a start time without an offset", { startCreationTime: "2026-01-01T00:00:00" }],
      ["an end time that is not a time", { endCreationTime: "yesterday" }],
      ["a nextToken it never issued", { nextToken: "not-a-token" }],
    ];
    for (const [title, query] of invalid) {
      it(`refuses ${title} with 400 InvalidArgument`, async () => {
        const reply = await listJobs(emulator, query);
        assert.equal(reply.status, 400);
        assert.equal(reply.xml.Error.Code, "InvalidArgument");
      });
    }
  });

  describe("paging", () => {
    let emulator: RunningEmulator;
    const clock = new ManualClock();
    let all: string[];

    before(async () => {
      emulator = await startEmulator({ clock: clock.read, lifecycle: { transitions: [] } });
      all = [];
      for (let index = 0; index < 250; index += 1) {
        all.push((await triggerJob(emulator, workflowTrigger(`job-${index}`, DEMO_WORKFLOW_ID))).JobId as string);
        // Several jobs share each second, so paging must not rely on creation time alone.
        clock.tick(index % 3 === 0 ? 1000 : 0);
      }
    });

    after(async () => {
      await emulator.close();
    });

    async function pageThrough(query: Record<string, string>): Promise<{ jobs: string[]; pages: number[] }> {
      const jobs: string[] = [];
      const pages: number[] = [];
      let token: string | undefined;
      do {
        const reply = await listJobs(emulator, token === undefined ? query : { ...query, nextToken: token });
        assert.equal(reply.status, 200, reply.text);
        pages.push(ids(reply).length);
        jobs.push(...ids(reply));
        token = reply.xml.Response.NextToken === "" ? undefined : (reply.xml.Response.NextToken as string);
      } while (token !== undefined && pages.length < 100);
      return { jobs, pages };
    }

    it("gives 10 jobs per page by default", async () => {
      const reply = await listJobs(emulator);
      assert.equal(ids(reply).length, 10);
      assert.notEqual(reply.xml.Response.NextToken, "");
    });

    it("pages through 250 jobs newest first, 100 at a time, ending with an empty NextToken", async () => {
      const { jobs, pages } = await pageThrough({ size: "100" });
      assert.deepEqual(pages, [100, 100, 50]);
      assert.deepEqual(jobs, [...all].reverse());
    });

    it("pages through 250 jobs oldest first in pages of 7", async () => {
      const { jobs, pages } = await pageThrough({ size: "7", orderByTime: "Asc" });
      assert.equal(pages.length, 36);
      assert.deepEqual(jobs, all);
    });

    it("ends on a full last page without an extra empty page", async () => {
      const { pages } = await pageThrough({ size: "50" });
      assert.deepEqual(pages, [50, 50, 50, 50, 50]);
    });

    it("keeps paging stable when jobs are triggered between pages", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let inserted = 0;
      do {
        const reply = await listJobs(emulator, token === undefined ? { size: "60" } : { size: "60", nextToken: token });
        seen.push(...ids(reply));
        token = reply.xml.Response.NextToken === "" ? undefined : (reply.xml.Response.NextToken as string);
        await triggerJob(emulator, workflowTrigger(`late-${inserted}`, DEMO_WORKFLOW_ID));
        inserted += 1;
      } while (token !== undefined);
      assert.deepEqual(seen, [...all].reverse());
    });
  });

  describe("undocumented behaviours (faults)", () => {
    let emulator: RunningEmulator;
    const clock = new ManualClock();

    beforeEach(async () => {
      emulator = await startEmulator({ clock: clock.read, lifecycle: { transitions: [] } });
    });

    afterEach(async () => {
      await emulator.close();
    });

    async function trigger(name: string): Promise<string> {
      return (await triggerJob(emulator, workflowTrigger(name, DEMO_WORKFLOW_ID))).JobId as string;
    }

    it("lists a new job at once by default", async () => {
      const jobId = await trigger("at-once");
      assert.deepEqual(ids(await listJobs(emulator)), [jobId]);
    });

    it("lists a new job only listingLagMs after its creation, while a query sees it at once", async () => {
      emulator.backend.setFaults({ listingLagMs: 5000 });
      const jobId = await trigger("lagging");
      assert.deepEqual(ids(await listJobs(emulator)), []);
      assert.deepEqual(ids(await listJobs(emulator, { jobId })), []);
      assert.equal((await describeJob(emulator, jobId)).xml.Response.JobsDetail[0].JobId, jobId);
      emulator.backend.advanceTime(4999);
      assert.deepEqual(ids(await listJobs(emulator)), []);
      emulator.backend.advanceTime(1);
      assert.deepEqual(ids(await listJobs(emulator)), [jobId]);
    });

    async function namesMatching(name: string): Promise<string[]> {
      const reply = await listJobs(emulator, { name, orderByTime: "Asc" });
      return ((reply.xml.Response.JobsDetail ?? []) as DecodedXml[]).map((job) => job.Name as string);
    }

    it("matches the name filter exactly by default and with nameMatch exact", async () => {
      for (const name of ["build", "build-2", "rebuild"]) {
        await trigger(name);
      }
      assert.deepEqual(await namesMatching("build"), ["build"]);
      emulator.backend.setFaults({ nameMatch: "exact" });
      assert.deepEqual(await namesMatching("build"), ["build"]);
    });

    it("matches names that start with the filter under nameMatch prefix", async () => {
      for (const name of ["build", "build-2", "rebuild"]) {
        await trigger(name);
      }
      emulator.backend.setFaults({ nameMatch: "prefix" });
      assert.deepEqual(await namesMatching("build"), ["build", "build-2"]);
    });

    it("matches names that contain the filter under nameMatch substring", async () => {
      for (const name of ["build", "build-2", "rebuild", "deploy"]) {
        await trigger(name);
      }
      emulator.backend.setFaults({ nameMatch: "substring" });
      assert.deepEqual(await namesMatching("build"), ["build", "build-2", "rebuild"]);
    });
  });
});
