import assert from "node:assert/strict";
import { decodeJobDetail } from "../../../provider/codec/jobDetail";
import { encodeJobDetail } from "../../support/wireCodec";
import { parseXml, buildXml } from "../../../provider/codec/xml";
import { fullJobDetail } from "../../support/samples";

function decode(xml: string) {
  return decodeJobDetail(parseXml(xml).node);
}

describe("jobDetail codec", () => {
  it("round-trips a job with every field of the model", () => {
    const detail = fullJobDetail();
    assert.deepEqual(decodeJobDetail(parseXml(buildXml("JobsDetail", encodeJobDetail(detail))).node), detail);
  });

  it("makes '-' times absent, for StartTime, EndTime and the time interval alike", () => {
    const detail = decode(
      "<JobsDetail><JobId>j</JobId><CreationTime>2022-06-27T15:23:10+0800</CreationTime><StartTime>-</StartTime><EndTime> - </EndTime>" +
        "<Operation><TimeInterval><Start>-</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval></Operation></JobsDetail>",
    );
    assert.equal(detail.creationTime, "2022-06-27T15:23:10+0800");
    assert.equal("startTime" in detail, false);
    assert.equal("endTime" in detail, false);
    assert.deepEqual(detail.operation?.timeInterval, { end: "2022-05-01T12:00:00+0800" });
  });

  it("makes an empty Message absent", () => {
    assert.equal("message" in decode("<JobsDetail><JobId>j</JobId><Message/></JobsDetail>"), false);
    assert.equal("message" in decode("<JobsDetail><JobId>j</JobId><Message></Message></JobsDetail>"), false);
  });

  it("reads JobLevel as a number", () => {
    assert.equal(decode("<JobsDetail><JobId>j</JobId><Operation><JobLevel>2</JobLevel></Operation></JobsDetail>").operation?.jobLevel, 2);
  });

  it("reads comma-joined WorkflowIds as a list, ignoring spaces and empty items", () => {
    const detail = decode("<JobsDetail><JobId>j</JobId><Operation><WorkflowIds> w1, w2,,</WorkflowIds></Operation></JobsDetail>");
    assert.deepEqual(detail.operation?.workflowIds, ["w1", "w2"]);
  });

  it("reads one StreamExtract as a one-item list", () => {
    const detail = decode(
      "<JobsDetail><JobId>j</JobId><Operation><Output><StreamExtract><Index>0</Index><Object>v</Object></StreamExtract></Output></Operation></JobsDetail>",
    );
    assert.deepEqual(detail.operation?.output?.streamExtract, [{ index: "0", object: "v" }]);
  });

  it("keeps unknown JobsDetail elements in extra, first letter lowered, nested ones included", () => {
    const detail = decode(
      "<JobsDetail><JobId>j</JobId><Progress>50</Progress><Tag>Transcode</Tag><Result><ObjectCount>3</ObjectCount><Failed><Key>a</Key><Key>b</Key></Failed></Result></JobsDetail>",
    );
    assert.deepEqual(detail.extra, { progress: "50", tag: "Transcode", result: { objectCount: "3", failed: { key: ["a", "b"] } } });
  });

  it("keeps unknown Operation, Output and Input elements in their container's extra", () => {
    const detail = decode(
      "<JobsDetail><JobId>j</JobId><Input><Prefix>p</Prefix><Inventory>inv</Inventory></Input>" +
        "<Operation><Tag>T</Tag><Priority>high</Priority><Output><Region>ap-guangzhou</Region><ClipConfig><Duration>5</Duration></ClipConfig></Output></Operation></JobsDetail>",
    );
    assert.deepEqual(detail.input, { prefix: "p", extra: { inventory: "inv" } });
    assert.deepEqual(detail.operation, {
      tag: "T",
      output: { region: "ap-guangzhou", extra: { clipConfig: { duration: "5" } } },
      extra: { priority: "high" },
    });
  });

  it("reads JobParam generically: inline structures camel-cased, repeated Watermark as a list", () => {
    const detail = decode(
      "<JobsDetail><JobId>j</JobId><Operation><JobParam><TemplateId>t1</TemplateId>" +
        "<Transcode><Container><Format>mp4</Format></Container></Transcode>" +
        "<Watermark><Type>Text</Type></Watermark><Watermark><Type>Image</Type></Watermark>" +
        "<Snapshot><Mode>Interval</Mode><Count>10</Count></Snapshot></JobParam></Operation></JobsDetail>",
    );
    assert.deepEqual(detail.operation?.jobParam, {
      templateId: "t1",
      transcode: { container: { format: "mp4" } },
      watermark: [{ type: "Text" }, { type: "Image" }],
      snapshot: { mode: "Interval", count: "10" },
    });
  });

  it("keeps an empty Prefix, which means the whole bucket", () => {
    assert.deepEqual(decode("<JobsDetail><JobId>j</JobId><Input><Prefix/></Input></JobsDetail>").input, { prefix: "" });
  });

  it("reads empty containers as empty objects", () => {
    const detail = decode("<JobsDetail><JobId>j</JobId><Input/><Operation><TimeInterval/><JobParam/></Operation></JobsDetail>");
    assert.deepEqual(detail.input, {});
    assert.deepEqual(detail.operation, { timeInterval: {}, jobParam: {} });
  });

  it("does not let an element named like a prototype property change the decoded object", () => {
    const detail = decode("<JobsDetail><JobId>j</JobId><Constructor>x</Constructor></JobsDetail>");
    assert.equal(Object.getPrototypeOf(detail.extra), Object.prototype);
    assert.equal((detail.extra as Record<string, unknown>).constructor, "x");
  });
});
