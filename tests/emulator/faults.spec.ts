import { strict as assert } from "node:assert";
import { DEMO_WORKFLOW_ID, faultsFromEnv, parseFaultSpec, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { describeJob, listJobs, send, triggerJob, workflowTrigger } from "./support/ciHttp";

describe("emulator: fault injection", () => {
  describe("fault specs", () => {
    it("reads JSON fault options", () => {
      assert.deepEqual(parseFaultSpec('{ "errorRates": { "503": 0.2 }, "latencyMs": 5 }'), {
        errorRates: { "503": 0.2 },
        latencyMs: 5,
      });
    });

    it("reads k=v pairs: rates by status, per operation, latency, jitter, reset and Retry-After", () => {
      assert.deepEqual(parseFaultSpec("503=0.2, 429=0.1,latency=50,jitter=20,reset=0.05,retryAfter=3,CreateInventoryTriggerJob.500=0.5"), {
        errorRates: { "503": 0.2, "429": 0.1 },
        latencyMs: 50,
        jitterMs: 20,
        resetAfterCommitRate: 0.05,
        retryAfterSeconds: 3,
        operations: { CreateInventoryTriggerJob: { errorRates: { "500": 0.5 } } },
      });
    });

    it("reads the service behaviours in k=v form: listingLag, nameMatch, filledFields, unknownJob404, refuseCancel, throttleStorm", () => {
      assert.deepEqual(
        parseFaultSpec("listingLag=500,nameMatch=prefix,filledFields=1,unknownJob404=true,refuseCancel=started,throttleStorm=3"),
        {
          listingLagMs: 500,
          nameMatch: "prefix",
          filledFields: true,
          unknownJob404: true,
          refuseCancel: "started",
          throttleStorm: 3,
        },
      );
      assert.deepEqual(parseFaultSpec("listingLagMs=20,filledFields=0,unknownJob404=false,nameMatch=substring"), {
        listingLagMs: 20,
        filledFields: false,
        unknownJob404: false,
        nameMatch: "substring",
      });
    });

    it("reads the service behaviours from JSON", () => {
      const json =
        '{ "listingLagMs": 250, "nameMatch": "exact", "filledFields": true, "unknownJob404": true, "refuseCancel": "finished", "throttleStorm": 0 }';
      assert.deepEqual(parseFaultSpec(json), {
        listingLagMs: 250,
        nameMatch: "exact",
        filledFields: true,
        unknownJob404: true,
        refuseCancel: "finished",
        throttleStorm: 0,
      });
    });

    const refused: [string, string, RegExp][] = [
      ["a status that cannot be injected", "404=0.5", /unknown fault/],
      ["a rate above 1", "503=1.5", /from 0 to 1/],
      ["rates adding up to more than 1", "503=0.6,429=0.6", /more than 1/],
      ["an unknown key", "slow=1", /unknown fault/],
      ["a pair without =", "503", /key=value/],
      ["a value that is not a number", "latency=fast", /number/],
      ["an unknown operation in JSON", '{ "operations": { "DeleteJob": {} } }', /unknown operation/],
      ["a negative latency", "latency=-1", /at least 0/],
      ["a trigger numbered 0 in resetAfterCommits", '{ "resetAfterCommits": [0] }', /whole numbers from 1/],
      ["resetAfterCommits that is not a list", '{ "resetAfterCommits": 2 }', /whole numbers from 1/],
      ["a negative listingLag", "listingLag=-5", /listingLagMs must be a number of at least 0/],
      ["a listingLag that is not a number", "listingLag=soon", /'listingLag' needs a number/],
      ["an unknown nameMatch", "nameMatch=fuzzy", /nameMatch must be exact, prefix, substring/],
      ["a nameMatch that is not text in JSON", '{ "nameMatch": 1 }', /nameMatch must be/],
      ["a filledFields that is not a flag", "filledFields=yes", /'filledFields' needs 1, true, 0 or false/],
      ["an unknownJob404 that is not a boolean in JSON", '{ "unknownJob404": "yes" }', /unknownJob404 must be true or false/],
      ["an unknown refuseCancel", "refuseCancel=never", /refuseCancel must be finished, started/],
      ["a throttleStorm that is not whole", "throttleStorm=1.5", /throttleStorm must be a whole number/],
      ["a negative throttleStorm in JSON", '{ "throttleStorm": -1 }', /throttleStorm must be a whole number/],
    ];
    for (const [title, spec, message] of refused) {
      it(`refuses ${title}`, () => {
        assert.throws(() => parseFaultSpec(spec), message);
      });
    }

    it(`reads CI_EMULATOR_FAULTS and ignores it when unset or blank`, () => {
      assert.deepEqual(faultsFromEnv({ CI_EMULATOR_FAULTS: "429=1" }), { errorRates: { "429": 1 } });
      assert.equal(faultsFromEnv({}), undefined);
      assert.equal(faultsFromEnv({ CI_EMULATOR_FAULTS: " " }), undefined);
    });
  });

  describe("over HTTP", () => {
    let emulator: RunningEmulator;

    async function start(options: EmulatorOptions): Promise<void> {
      emulator = await startEmulator({ seed: 5, ...options });
    }

    afterEach(async () => {
      await emulator.close();
    });

    function post(name = "faulty") {
      return send(emulator, { method: "POST", path: "/inventorytriggerjob", body: workflowTrigger(name, DEMO_WORKFLOW_ID) });
    }

    it("answers 503 ServiceUnavailable with Retry-After and creates nothing", async () => {
      await start({ faults: { errorRates: { "503": 1 }, retryAfterSeconds: 7 } });
      const reply = await post();
      assert.equal(reply.status, 503);
      assert.equal(reply.xml.Error.Code, "ServiceUnavailable");
      assert.equal(reply.headers["retry-after"], "7");
      assert.deepEqual(emulator.backend.jobs(), []);
    });

    it("answers 429 SlowDown with a default Retry-After of 1 second", async () => {
      await start({ faults: { errorRates: { "429": 1 } } });
      const reply = await listJobs(emulator);
      assert.deepEqual([reply.status, reply.xml.Error.Code, reply.headers["retry-after"]], [429, "SlowDown", "1"]);
    });

    it("answers 500 InternalError without Retry-After", async () => {
      await start({ faults: { errorRates: { "500": 1 } } });
      const reply = await listJobs(emulator);
      assert.deepEqual([reply.status, reply.xml.Error.Code, reply.headers["retry-after"]], [500, "InternalError", undefined]);
    });

    it("applies per-operation rates to that operation only", async () => {
      await start({ faults: { operations: { CreateInventoryTriggerJob: { errorRates: { "503": 1 } } } } });
      assert.equal((await post()).status, 503);
      assert.equal((await listJobs(emulator)).status, 200);
      assert.equal((await describeJob(emulator, "bnone")).status, 200);
    });

    it("injects faults before the signature check, as a front-end throttle does", async () => {
      await start({ faults: { errorRates: { "429": 1 } } });
      const reply = await send(emulator, { method: "GET", path: "/inventorytriggerjob", credentials: null });
      assert.equal(reply.status, 429);
    });

    it("draws faults from the seed: the same seed gives the same sequence of statuses", async () => {
      const run = async (): Promise<number[]> => {
        await start({ faults: { errorRates: { "503": 0.3, "429": 0.2 } } });
        const statuses: number[] = [];
        for (let index = 0; index < 30; index += 1) {
          statuses.push((await listJobs(emulator)).status);
        }
        await emulator.close();
        return statuses;
      };
      const first = await run();
      const second = await run();
      emulator = await startEmulator();
      assert.deepEqual(first, second);
      assert.ok(first.includes(200) && first.includes(503) && first.includes(429), first.join(","));
    });

    it("still answers every request with latency and jitter switched on", async () => {
      await start({ faults: { latencyMs: 5, jitterMs: 5 } });
      assert.equal((await post()).status, 200);
      assert.equal((await listJobs(emulator)).status, 200);
    });

    it("resets the connection after committing a trigger: the job exists but no answer arrives", async () => {
      await start({ faults: { resetAfterCommitRate: 1 } });
      await assert.rejects(post("committed"), (error: Error & { code?: string }) => {
        assert.match(String(error.code), /UND_ERR_SOCKET|ECONNRESET/);
        return true;
      });
      assert.deepEqual(
        emulator.backend.jobs().map((job) => job.name),
        ["committed"],
      );
      const [entry] = emulator.requests.writes();
      assert.deepEqual([entry.operation, entry.reset, entry.status], ["CreateInventoryTriggerJob", true, 0]);
    });

    it("resets exactly the triggers numbered in resetAfterCommits, counting from when the faults were set", async () => {
      await start({ faults: { resetAfterCommits: [2, 3] } });
      const outcomes: string[] = [];
      for (const name of ["one", "two", "three", "four"]) {
        outcomes.push(
          await post(name).then(
            (answer) => String(answer.status),
            () => "reset",
          ),
        );
      }
      assert.deepEqual(outcomes, ["200", "reset", "reset", "200"]);
      emulator.backend.setFaults({ resetAfterCommits: [1] });
      await assert.rejects(post("five"));
      assert.deepEqual(
        emulator.backend.jobs().map((job) => job.name),
        ["one", "two", "three", "four", "five"],
      );
    });

    it("never resets reads, only triggers", async () => {
      await start({ faults: { resetAfterCommitRate: 1 } });
      assert.equal((await listJobs(emulator)).status, 200);
    });

    it("switches faults on and off at run time through the backend, and reset restores the start options", async () => {
      await start({});
      emulator.backend.setFaults({ errorRates: { "503": 1 } });
      assert.equal((await listJobs(emulator)).status, 503);
      emulator.backend.setFaults(undefined);
      assert.equal((await listJobs(emulator)).status, 200);
      emulator.backend.setFaults({ errorRates: { "429": 1 } });
      emulator.backend.reset();
      assert.equal((await listJobs(emulator)).status, 200);
    });

    it("answers the next throttleStorm requests with 429 SlowDown before the signature check, then serves again", async () => {
      await start({ faults: { throttleStorm: 2, retryAfterSeconds: 4 } });
      const unsigned = await send(emulator, { method: "GET", path: "/inventorytriggerjob", credentials: null });
      assert.deepEqual([unsigned.status, unsigned.xml.Error.Code, unsigned.headers["retry-after"]], [429, "SlowDown", "4"]);
      assert.equal((await post("stormed")).status, 429);
      assert.deepEqual(emulator.backend.jobs(), []);
      assert.equal((await post("after")).status, 200);
      assert.equal((await listJobs(emulator)).status, 200);
    });

    it("restarts the throttleStorm count when faults are set again, and on reset", async () => {
      await start({ faults: { throttleStorm: 1 } });
      assert.equal((await listJobs(emulator)).status, 429);
      assert.equal((await listJobs(emulator)).status, 200);
      emulator.backend.setFaults({ throttleStorm: 2 });
      assert.deepEqual(
        [(await listJobs(emulator)).status, (await listJobs(emulator)).status, (await listJobs(emulator)).status],
        [429, 429, 200],
      );
      emulator.backend.reset();
      assert.deepEqual([(await listJobs(emulator)).status, (await listJobs(emulator)).status], [429, 200]);
    });

    it("throttles no request without throttleStorm", async () => {
      await start({});
      assert.equal((await listJobs(emulator)).status, 200);
      assert.equal((await post()).status, 200);
    });

    it("takes the service behaviours from CI_EMULATOR_FAULTS in k=v form", async () => {
      await start({ env: { CI_EMULATOR_FAULTS: "throttleStorm=1,unknownJob404=1" } });
      assert.equal((await describeJob(emulator, "bnone")).status, 429);
      const reply = await describeJob(emulator, "bnone");
      assert.deepEqual([reply.status, reply.xml.Error.Code], [404, "NoSuchJob"]);
    });

    it("takes faults from CI_EMULATOR_FAULTS when the options give none", async () => {
      await start({ env: { CI_EMULATOR_FAULTS: "DescribeInventoryTriggerJobs.503=1" } });
      assert.equal((await listJobs(emulator)).status, 503);
      assert.equal((await triggerJob(emulator, workflowTrigger("env", DEMO_WORKFLOW_ID))).Name, "env");
    });

    it("lets options override CI_EMULATOR_FAULTS", async () => {
      await start({ faults: {}, env: { CI_EMULATOR_FAULTS: "503=1" } });
      assert.equal((await listJobs(emulator)).status, 200);
    });
  });
});
