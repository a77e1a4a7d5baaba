import * as pulumi from "@pulumi/pulumi";
import { InventoryTriggerJob } from "pulumi-tencent-ci";

const config = new pulumi.Config();

// Runs the workflow over every object under `videos/2024/` uploaded in January 2024.
const backfill = new InventoryTriggerJob("january-backfill", {
  type: "Workflow",
  input: { prefix: config.get("prefix") ?? "videos/2024/" },
  operation: {
    workflowIds: [config.get("workflowId") ?? "w7476ff3564ee45b7b490d64bccaba6cc"],
    timeInterval: { start: "2024-01-01T00:00:00+0800", end: "2024-02-01T00:00:00+0800" },
  },
});

export const jobId = backfill.jobId;
export const jobName = backfill.name;
export const state = backfill.state;
