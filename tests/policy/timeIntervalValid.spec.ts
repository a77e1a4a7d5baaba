import { timeIntervalValid } from "../../policy/policies";
import { assertHasResourceViolation, assertNoResourceViolations, createResourceValidationArgs, UNKNOWN, workflowJob } from "./helpers";

const interval = (start: unknown, end: unknown) => workflowJob({ operation: { timeInterval: { start, end } } });

describe("time-interval-valid", () => {
  it("passes a two-week window in the service's format", async () => {
    await assertNoResourceViolations(timeIntervalValid, createResourceValidationArgs(workflowJob()));
  });

  it("passes a job without a window unless requireTimeInterval is set", async () => {
    await assertNoResourceViolations(
      timeIntervalValid,
      createResourceValidationArgs(workflowJob({ operation: { timeInterval: undefined } })),
    );
  });

  it("fails a job without a window when requireTimeInterval is true", async () => {
    const args = createResourceValidationArgs(workflowJob({ operation: { timeInterval: undefined } }), {
      config: { requireTimeInterval: true },
    });
    await assertHasResourceViolation(timeIntervalValid, args, "operation.timeInterval is required");
  });

  it("fails an end written in ISO form with a colon in the offset, naming the end", async () => {
    const args = createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", "2024-01-15T00:00:00+08:00"));
    await assertHasResourceViolation(timeIntervalValid, args, /^operation\.timeInterval\.end must be a time.*2022-02-01T12:00:00\+0800/);
  });

  it("fails a start that is no real date", async () => {
    await assertHasResourceViolation(
      timeIntervalValid,
      createResourceValidationArgs(interval("2024-02-30T00:00:00+0800", "2024-03-15T00:00:00+0800")),
      "operation.timeInterval.start must be a time",
    );
  });

  it("fails a window whose start is after its end", async () => {
    await assertHasResourceViolation(
      timeIntervalValid,
      createResourceValidationArgs(interval("2024-01-15T00:00:00+0800", "2024-01-01T00:00:00+0800")),
      "start must not be after",
    );
  });

  it("fails a window with only a start, since it cannot be bounded", async () => {
    await assertHasResourceViolation(
      timeIntervalValid,
      createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", undefined)),
      "operation.timeInterval.end is missing",
    );
  });

  it("passes the 89-day window of the trigger page's sample under the default", async () => {
    await assertNoResourceViolations(
      timeIntervalValid,
      createResourceValidationArgs(interval("2022-02-01T12:00:00+0800", "2022-05-01T12:00:00+0800")),
    );
  });

  it("fails a window longer than the default 366 days", async () => {
    const args = createResourceValidationArgs(interval("2023-01-01T00:00:00+0800", "2024-03-01T00:00:00+0800"));
    await assertHasResourceViolation(timeIntervalValid, args, "spans 425 days; at most 366");
  });

  it("fails a window longer than 31 days when maxWindowDays is 31", async () => {
    const args = createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", "2024-03-01T00:00:00+0800"), {
      config: { maxWindowDays: 31 },
    });
    await assertHasResourceViolation(timeIntervalValid, args, "spans 60 days; at most 31");
  });

  it("compares instants, so a window across time zones is measured in real time", async () => {
    // 31 days on the clock face, but the end is 8 hours later in real time.
    const args = createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", "2024-02-01T00:00:00+0000"), {
      config: { maxWindowDays: 31 },
    });
    await assertHasResourceViolation(timeIntervalValid, args, "spans 31.33 days");
  });

  it("passes a window whose start equals its end, as the provider and the emulator do", async () => {
    await assertNoResourceViolations(
      timeIntervalValid,
      createResourceValidationArgs(interval("2024-01-01T08:00:00+0800", "2024-01-01T00:00:00+0000")),
    );
  });

  it("passes a 60-day window when maxWindowDays is 90", async () => {
    const args = createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", "2024-03-01T00:00:00+0800"), {
      config: { maxWindowDays: 90 },
    });
    await assertNoResourceViolations(timeIntervalValid, args);
  });

  it("fails a two-week window when maxWindowDays is 7", async () => {
    const args = createResourceValidationArgs(workflowJob(), { config: { maxWindowDays: 7 } });
    await assertHasResourceViolation(timeIntervalValid, args, "spans 14 days; at most 7");
  });

  it("reports nothing when the end is unknown during preview", async () => {
    await assertNoResourceViolations(timeIntervalValid, createResourceValidationArgs(interval("2024-01-01T00:00:00+0800", UNKNOWN)));
  });

  it("still judges a known start beside an unknown end", async () => {
    await assertHasResourceViolation(
      timeIntervalValid,
      createResourceValidationArgs(interval("yesterday", UNKNOWN)),
      "operation.timeInterval.start must be a time",
    );
  });

  it("reports nothing when the whole window is unknown during preview", async () => {
    await assertNoResourceViolations(
      timeIntervalValid,
      createResourceValidationArgs(workflowJob({ operation: { timeInterval: UNKNOWN } })),
    );
  });
});
