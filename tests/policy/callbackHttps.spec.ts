import { callbackHttps } from "../../policy/policies";
import {
  assertHasResourceViolation,
  assertNoResourceViolations,
  createResourceValidationArgs,
  transcodeJob,
  UNKNOWN,
  workflowJob,
} from "./helpers";

const withCallback = (operation: Record<string, unknown>) => transcodeJob({ operation });

describe("callback-https", () => {
  it("passes an https callback", async () => {
    await assertNoResourceViolations(callbackHttps, createResourceValidationArgs(transcodeJob()));
  });

  it("passes a job without callback", async () => {
    await assertNoResourceViolations(callbackHttps, createResourceValidationArgs(workflowJob()));
  });

  it("passes 'no', which turns the queue's callback off", async () => {
    await assertNoResourceViolations(callbackHttps, createResourceValidationArgs(withCallback({ callBack: "no" })));
  });

  it("fails a plain http callback", async () => {
    await assertHasResourceViolation(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBack: "http://hooks.example.com/ci" })),
      "operation.callBack must use https, not http",
    );
  });

  it("fails an http callback when callBackType is left to its default of Url", async () => {
    await assertHasResourceViolation(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBack: "http://hooks.example.com/ci", callBackType: undefined })),
      "must use https",
    );
  });

  it("fails a callback that is no absolute URL", async () => {
    await assertHasResourceViolation(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBack: "hooks.example.com/ci" })),
      "must be an absolute https:// URL",
    );
  });

  it("passes a host listed in allowedCallbackHosts", async () => {
    await assertNoResourceViolations(
      callbackHttps,
      createResourceValidationArgs(transcodeJob(), { config: { allowedCallbackHosts: ["hooks.example.com"] } }),
    );
  });

  it("passes a subdomain of a '*.' entry of allowedCallbackHosts", async () => {
    await assertNoResourceViolations(
      callbackHttps,
      createResourceValidationArgs(transcodeJob(), { config: { allowedCallbackHosts: ["*.example.com"] } }),
    );
  });

  it("fails a host missing from allowedCallbackHosts, naming the host only", async () => {
    const args = createResourceValidationArgs(withCallback({ callBack: "https://user:pw@evil.example.net/x?token=1" }), {
      config: { allowedCallbackHosts: ["*.example.com"] },
    });
    const [message] = await assertHasResourceViolation(
      callbackHttps,
      args,
      "goes to host evil.example.net, which is not in allowedCallbackHosts",
    );
    if (message.includes("pw") || message.includes("token")) throw new Error(`the message repeats the URL: ${message}`);
  });

  it("passes a TDMQ callback with its complete config block", async () => {
    const args = createResourceValidationArgs(
      withCallback({
        callBack: undefined,
        callBackType: "TDMQ",
        callBackMqConfig: { mqRegion: "bj", mqMode: "Queue", mqName: "ci-events" },
      }),
    );
    await assertNoResourceViolations(callbackHttps, args);
  });

  it("fails a TDMQ callback without callBackMqConfig", async () => {
    await assertHasResourceViolation(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBack: undefined, callBackType: "TDMQ" })),
      'operation.callBackMqConfig is required when operation.callBackType is "TDMQ"',
    );
  });

  it("fails a TDMQ callback whose config block lacks the queue name", async () => {
    const args = createResourceValidationArgs(
      withCallback({ callBackType: "TDMQ", callBackMqConfig: { mqRegion: "bj", mqMode: "Queue" } }),
    );
    await assertHasResourceViolation(callbackHttps, args, "operation.callBackMqConfig.mqName is required");
  });

  it("passes a Kafka callback with its complete config block", async () => {
    const args = createResourceValidationArgs(
      withCallback({ callBackType: "Kafka", callBackKafkaConfig: { region: "ap-guangzhou", instanceId: "ckafka-abc", topic: "ci" } }),
    );
    await assertNoResourceViolations(callbackHttps, args);
  });

  it("fails a Kafka callback without callBackKafkaConfig", async () => {
    await assertHasResourceViolation(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBackType: "Kafka" })),
      "operation.callBackKafkaConfig is required",
    );
  });

  it("reports nothing for a callback URL unknown during preview", async () => {
    await assertNoResourceViolations(callbackHttps, createResourceValidationArgs(withCallback({ callBack: UNKNOWN })));
  });

  it("judges no URL while callBackType is unknown during preview", async () => {
    await assertNoResourceViolations(
      callbackHttps,
      createResourceValidationArgs(withCallback({ callBack: "http://hooks.example.com/ci", callBackType: UNKNOWN })),
    );
  });

  it("reports nothing for a TDMQ config field unknown during preview", async () => {
    const args = createResourceValidationArgs(
      withCallback({ callBackType: "TDMQ", callBackMqConfig: { mqRegion: "bj", mqMode: "Queue", mqName: UNKNOWN } }),
    );
    await assertNoResourceViolations(callbackHttps, args);
  });
});
