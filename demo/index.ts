import * as pulumi from "@pulumi/pulumi";
import { InventoryTriggerJob } from "pulumi-tencent-ci";

// The ids the local emulator knows out of the box; on the real service, set these in stack config.
const config = new pulumi.Config();
const workflowId = config.get("workflowId") ?? "w7476ff3564ee45b7b490d64bccaba6cc";
const queueId = config.get("queueId") ?? "p893bcda225bf4945a378da6662e81a89";
const templateId = config.get("templateId") ?? "t1460606b9752148c4ab182f55163ba7cd";

const thumbnails = new InventoryTriggerJob("thumbnails", {
  input: { prefix: "uploads/images/" },
  operation: {
    workflowIds: [workflowId],
    timeInterval: { start: "2024-06-01T00:00:00+0800", end: "2024-06-30T00:00:00+0800" },
  },
});

const transcode = new InventoryTriggerJob("transcode-720p", {
  type: "Job",
  input: { manifest: "inventory/demo/manifest.json" },
  operation: {
    tag: "Transcode",
    queueId,
    jobParam: { templateId },
    output: { region: "ap-guangzhou", bucket: "demo-out-1250000000", object: "out/${InventoryTriggerJobId}.mp4" },
    jobLevel: 1,
  },
  // Deploy waits for this one, printing its progress.
  waitForCompletion: { timeoutSeconds: 120, pollIntervalSeconds: 1 },
});

const single = new InventoryTriggerJob("single-object", {
  input: { object: "uploads/videos/intro.mp4" },
  operation: { workflowIds: [workflowId] },
  cancelOnDelete: true,
});

/** Each job's id, name and last known state, shown by the demo as a table. */
export const jobs = [thumbnails, transcode, single].map((job) => ({ name: job.name, jobId: job.jobId, state: job.state }));
