import * as pulumi from "@pulumi/pulumi";
import { InventoryTriggerJob } from "pulumi-tencent-ci";

const config = new pulumi.Config();
const region = config.get("outputRegion") ?? "ap-guangzhou";
const outputBucket = config.get("outputBucket") ?? "media-out-1250000000";

// One Transcode job per object of the inventory manifest, written to another bucket, with a
// callback over HTTPS when each finishes.
const transcode = new InventoryTriggerJob("h264-720p", {
  type: "Job",
  input: { manifest: "inventory/media-1250000000/daily/manifest.json" },
  operation: {
    tag: "Transcode",
    queueId: config.get("queueId") ?? "p893bcda225bf4945a378da6662e81a89",
    jobParam: { templateId: config.get("templateId") ?? "t1460606b9752148c4ab182f55163ba7cd" },
    output: { region, bucket: outputBucket, object: "transcoded/${InventoryTriggerJobId}/${InputName}.mp4" },
    jobLevel: 1,
    userData: "example transcode",
    callBack: "https://hooks.example.com/ci",
    callBackFormat: "JSON",
    callBackType: "Url",
  },
  waitForCompletion: { timeoutSeconds: 600, pollIntervalSeconds: 2 },
});

export const jobId = transcode.jobId;
export const state = transcode.state;
