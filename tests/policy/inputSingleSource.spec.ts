import { inputSingleSource } from "../../policy/policies";
import { assertHasResourceViolation, assertNoResourceViolations, createResourceValidationArgs, UNKNOWN, workflowJob } from "./helpers";

describe("input-single-source", () => {
  for (const input of [
    { manifest: "inventory/manifest.json" },
    { urlFile: "lists/urls.txt" },
    { prefix: "videos/" },
    { object: "a.mp4" },
  ]) {
    it(`passes an input with only ${Object.keys(input)[0]}`, async () => {
      await assertNoResourceViolations(inputSingleSource, createResourceValidationArgs({ ...workflowJob(), input }));
    });
  }

  it("fails an input with two sources, naming both", async () => {
    const args = createResourceValidationArgs({ ...workflowJob(), input: { prefix: "videos/", object: "a.mp4" } });
    await assertHasResourceViolation(inputSingleSource, args, "it names prefix, object");
  });

  it("fails an input with no source", async () => {
    await assertHasResourceViolation(inputSingleSource, createResourceValidationArgs({ ...workflowJob(), input: {} }), "it names none");
  });

  it("fails a job without input", async () => {
    await assertHasResourceViolation(
      inputSingleSource,
      createResourceValidationArgs(workflowJob({ input: undefined })),
      /^input must name exactly one source/,
    );
  });

  it("fails an empty prefix, which is the whole bucket, by default", async () => {
    await assertHasResourceViolation(
      inputSingleSource,
      createResourceValidationArgs(workflowJob({ input: { prefix: "" } })),
      "every object in the bucket",
    );
  });

  it("passes an empty prefix when allowWholeBucket is true", async () => {
    const args = createResourceValidationArgs(workflowJob({ input: { prefix: "" } }), { config: { allowWholeBucket: true } });
    await assertNoResourceViolations(inputSingleSource, args);
  });

  it("still fails an empty prefix when allowWholeBucket is false", async () => {
    const args = createResourceValidationArgs(workflowJob({ input: { prefix: "" } }), { config: { allowWholeBucket: false } });
    await assertHasResourceViolation(inputSingleSource, args, "allowWholeBucket");
  });

  it("reports nothing when the whole input is unknown during preview", async () => {
    await assertNoResourceViolations(inputSingleSource, createResourceValidationArgs(workflowJob({ input: UNKNOWN })));
  });

  it("reports nothing when a second source is unknown, since it may resolve to nothing", async () => {
    await assertNoResourceViolations(
      inputSingleSource,
      createResourceValidationArgs({ ...workflowJob(), input: { prefix: "videos/", object: UNKNOWN } }),
    );
  });

  it("reports nothing when the prefix is unknown during preview", async () => {
    await assertNoResourceViolations(inputSingleSource, createResourceValidationArgs(workflowJob({ input: { prefix: UNKNOWN } })));
  });
});
