import { strict as assert } from "node:assert";
import { createOutputBucketAllowed, outputBucketAllowed } from "../../policy/policies";
import { readStackRegion } from "../../policy/stackRegion";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  transcodeJob,
  UNKNOWN,
  workflowJob,
} from "./helpers";

const noStackRegion = createOutputBucketAllowed(() => undefined);
const stackInShanghai = createOutputBucketAllowed(() => "ap-shanghai");

describe("output-bucket-allowed", () => {
  it("passes output in the job's region when nothing is configured", async () => {
    await assertNoResourceViolations(noStackRegion, createResourceValidationArgs(transcodeJob()));
  });

  it("passes a job without output", async () => {
    await assertNoResourceViolations(
      noStackRegion,
      createResourceValidationArgs(workflowJob(), { config: { allowedOutputBuckets: ["x-1250000000"] } }),
    );
  });

  it("passes output written to another region than the job's by default, as the service allows", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { output: { region: "ap-beijing" } } }));
    await assertNoResourceViolations(noStackRegion, args);
  });

  it("fails output written to another region than the job's when requireJobRegion is true", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { output: { region: "ap-beijing" } } }), {
      config: { requireJobRegion: true },
    });
    await assertHasResourceViolation(noStackRegion, args, "operation.output.region is ap-beijing but the job runs in ap-guangzhou");
  });

  it("compares with the stack's region when the job names none", async () => {
    await assertHasResourceViolation(
      stackInShanghai,
      createResourceValidationArgs(transcodeJob({ region: undefined }), { config: { requireJobRegion: true } }),
      "the job runs in ap-shanghai",
    );
  });

  it("prefers the job's own region over the stack's", async () => {
    await assertNoResourceViolations(stackInShanghai, createResourceValidationArgs(transcodeJob(), { config: { requireJobRegion: true } }));
  });

  it("skips the region comparison when no region is known for the job", async () => {
    await assertNoResourceViolations(
      noStackRegion,
      createResourceValidationArgs(transcodeJob({ region: undefined }), { config: { requireJobRegion: true } }),
    );
  });

  it("skips the region comparison while the job's region is unknown during preview", async () => {
    await assertNoResourceViolations(
      stackInShanghai,
      createResourceValidationArgs(transcodeJob({ region: UNKNOWN }), { config: { requireJobRegion: true } }),
    );
  });

  it("passes a bucket in allowedOutputBuckets", async () => {
    await assertNoResourceViolations(
      noStackRegion,
      createResourceValidationArgs(transcodeJob(), { config: { allowedOutputBuckets: ["media-1250000000"] } }),
    );
  });

  it("fails a bucket missing from allowedOutputBuckets", async () => {
    const args = createResourceValidationArgs(transcodeJob(), { config: { allowedOutputBuckets: ["results-1250000000"] } });
    await assertHasResourceViolation(
      noStackRegion,
      args,
      "operation.output.bucket is media-1250000000, which is not in allowedOutputBuckets",
    );
  });

  it("passes a region in allowedOutputRegions", async () => {
    await assertNoResourceViolations(
      noStackRegion,
      createResourceValidationArgs(transcodeJob(), { config: { allowedOutputRegions: ["ap-guangzhou"] } }),
    );
  });

  it("fails a region missing from allowedOutputRegions", async () => {
    const args = createResourceValidationArgs(transcodeJob(), { config: { allowedOutputRegions: ["ap-singapore"] } });
    await assertHasResourceViolation(noStackRegion, args, "operation.output.region is ap-guangzhou, which is not in allowedOutputRegions");
  });

  it("reports nothing for an output bucket unknown during preview", async () => {
    const args = createResourceValidationArgs(transcodeJob({ operation: { output: { bucket: UNKNOWN } } }), {
      config: { allowedOutputBuckets: ["results-1250000000"] },
    });
    await assertNoResourceViolations(noStackRegion, args);
  });

  it("is mandatory by default", () => {
    assert.equal(outputBucketAllowed.enforcementLevel, "mandatory");
  });
});

describe("readStackRegion", () => {
  const config = (values: Record<string, string>) => (key: string) => values[key];

  it("reads tencent-ci:region from the stack configuration", () => {
    assert.equal(readStackRegion(config({ "tencent-ci:region": "ap-chengdu" }), { TENCENTCLOUD_REGION: "ap-beijing" }), "ap-chengdu");
  });

  it("falls back to TENCENTCLOUD_REGION as the provider does", () => {
    assert.equal(readStackRegion(config({}), { TENCENTCLOUD_REGION: "ap-beijing" }), "ap-beijing");
  });

  it("treats an empty setting as unset", () => {
    assert.equal(readStackRegion(config({ "tencent-ci:region": "" }), { TENCENTCLOUD_REGION: "ap-beijing" }), "ap-beijing");
  });

  it("is undefined when neither is set", () => {
    assert.equal(readStackRegion(config({}), {}), undefined);
  });
});
