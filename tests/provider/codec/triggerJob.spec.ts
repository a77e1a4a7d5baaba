import assert from "node:assert/strict";
import { CodecError } from "../../../provider/codec/codecError";
import { encodeTriggerJobRequest } from "../../../provider/codec/triggerJob";
import { decodeTriggerJobRequest } from "../../support/wireCodec";
import type { TriggerJobRequest } from "../../../provider/model";
import { compact, fullJobRequest, fullWorkflowRequest, sample, triggerPageWorkflowRequest } from "../../support/samples";

describe("triggerJob codec", () => {
  describe("encodeTriggerJobRequest", () => {
    it("writes the workflow sample of the trigger page element for element", () => {
      assert.equal(encodeTriggerJobRequest(triggerPageWorkflowRequest()), compact(sample("trigger-request.xml")));
    });

    it("writes a Type=Job trigger in the order of the independent-node trigger sample", () => {
      const request: TriggerJobRequest = {
        name: "demo",
        type: "Job",
        input: { prefix: "input" },
        operation: {
          jobLevel: 0,
          output: { region: "ap-chongqing", bucket: "test-1234567890", object: "output/${InventoryTriggerJobId}/out.mp4" },
          jobParam: { templateId: "t1460606b9752148c4ab182f55163ba7cd" },
          tag: "Transcode",
          callBack: "https://www.callback.com",
          userData: "this is my inventorytriggerjob",
          queueId: "p893bcda225bf4945a378da6662e81a89",
          timeInterval: { start: "2022-02-01T12:00:00+0800", end: "2022-05-01T12:00:00+0800" },
        },
      };
      assert.equal(
        encodeTriggerJobRequest(request),
        "<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>input</Prefix></Input><Operation>" +
          "<TimeInterval><Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>" +
          "<QueueId>p893bcda225bf4945a378da6662e81a89</QueueId><UserData>this is my inventorytriggerjob</UserData>" +
          "<CallBack>https://www.callback.com</CallBack><Tag>Transcode</Tag>" +
          "<JobParam><TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId></JobParam>" +
          "<Output><Region>ap-chongqing</Region><Bucket>test-1234567890</Bucket><Object>output/${InventoryTriggerJobId}/out.mp4</Object></Output>" +
          "<JobLevel>0</JobLevel></Operation></Request>",
      );
    });

    it("leaves out absent fields and writes no empty containers for them", () => {
      const xml = encodeTriggerJobRequest({ name: "n", input: { object: "a.mp4" }, operation: { workflowIds: ["w1"] } });
      assert.equal(
        xml,
        "<Request><Name>n</Name><Input><Object>a.mp4</Object></Input><Operation><WorkflowIds>w1</WorkflowIds></Operation></Request>",
      );
    });

    it("comma-joins several workflow ids into one WorkflowIds element", () => {
      const xml = encodeTriggerJobRequest({ name: "n", input: { prefix: "p/" }, operation: { workflowIds: ["w1", "w2", "w3"] } });
      assert.match(xml, /<WorkflowIds>w1,w2,w3<\/WorkflowIds>/);
    });

    it("keeps an empty prefix, which selects the whole bucket", () => {
      const xml = encodeTriggerJobRequest({ name: "n", input: { prefix: "" }, operation: { workflowIds: ["w1"] } });
      assert.match(xml, /<Input><Prefix><\/Prefix><\/Input>/);
    });

    it("writes jobLevel as a decimal number", () => {
      const xml = encodeTriggerJobRequest({ name: "n", input: { prefix: "p" }, operation: { tag: "Transcode", jobLevel: 1 } });
      assert.match(xml, /<JobLevel>1<\/JobLevel>/);
    });

    it("escapes markup, ampersands, quotes and a CDATA terminator in user text", () => {
      const xml = encodeTriggerJobRequest({
        name: "n",
        input: { object: `a<b>&"c"'d']]>` },
        operation: { tag: "Transcode", userData: "x]]>y" },
      });
      assert.match(xml, /<Object>a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;]]&gt;<\/Object>/);
      assert.match(xml, /<UserData>x]]&gt;y<\/UserData>/);
    });

    it("writes inline processing structures with their element names capitalised and repeats for lists", () => {
      const xml = encodeTriggerJobRequest({
        name: "n",
        input: { object: "a.mp4" },
        operation: {
          tag: "Transcode",
          jobParam: {
            transcode: { container: { format: "mp4" }, video: { width: 1280, remove: false } },
            watermark: [{ type: "Text" }, { type: "Image" }],
          },
        },
      });
      assert.match(
        xml,
        /<JobParam><Transcode><Container><Format>mp4<\/Format><\/Container><Video><Width>1280<\/Width><Remove>false<\/Remove><\/Video><\/Transcode><Watermark><Type>Text<\/Type><\/Watermark><Watermark><Type>Image<\/Type><\/Watermark><\/JobParam>/,
      );
    });

    it("writes StreamExtract as one element per stream", () => {
      const xml = encodeTriggerJobRequest({
        name: "n",
        input: { object: "a.mp4" },
        operation: {
          tag: "StreamExtract",
          output: {
            region: "ap-guangzhou",
            bucket: "b-1250000000",
            streamExtract: [
              { index: "0", object: "v" },
              { index: "1", object: "a" },
            ],
          },
        },
      });
      assert.match(
        xml,
        /<StreamExtract><Index>0<\/Index><Object>v<\/Object><\/StreamExtract><StreamExtract><Index>1<\/Index><Object>a<\/Object><\/StreamExtract>/,
      );
    });

    it("writes unknown elements kept under extra after the known ones", () => {
      const xml = encodeTriggerJobRequest({
        name: "n",
        input: { object: "a" },
        operation: { tag: "Transcode", extra: { newSetting: "on" } },
      });
      assert.match(xml, /<Tag>Transcode<\/Tag><NewSetting>on<\/NewSetting><\/Operation>/);
    });

    it("refuses an extra element that repeats a known one", () => {
      assert.throws(
        () => encodeTriggerJobRequest({ name: "n", input: { object: "a" }, operation: { tag: "A", extra: { tag: "B" } } }),
        (error: unknown) => error instanceof CodecError && error.message.includes("Tag"),
      );
    });

    it("refuses a control character that XML cannot carry", () => {
      assert.throws(() => encodeTriggerJobRequest({ name: "n", input: { object: "a\u0001" }, operation: { tag: "T" } }), CodecError);
    });

    it("refuses an inline parameter name that is not an XML name", () => {
      assert.throws(
        () => encodeTriggerJobRequest({ name: "n", input: { object: "a" }, operation: { tag: "T", jobParam: { "bad name": "x" } } }),
        CodecError,
      );
    });

    it("refuses a jobLevel that is not an integer", () => {
      assert.throws(
        () => encodeTriggerJobRequest({ name: "n", input: { object: "a" }, operation: { tag: "T", jobLevel: 1.5 } }),
        CodecError,
      );
    });

    it("refuses a number where text goes, as an untyped program could pass", () => {
      const request = { name: 42, input: { object: "a" }, operation: {} } as unknown as TriggerJobRequest;
      assert.throws(() => encodeTriggerJobRequest(request), CodecError);
    });
  });

  describe("the trigger body, read back as the service reads it", () => {
    it("reads the workflow sample of the trigger page, trailing spaces included", () => {
      assert.deepEqual(decodeTriggerJobRequest(sample("trigger-request.xml")), triggerPageWorkflowRequest());
    });

    it("rejects the page's second request sample, whose <Type> is closed by </Name>", () => {
      assert.throws(
        () => decodeTriggerJobRequest(sample("trigger-request-sample-malformed.xml")),
        (error: unknown) => error instanceof CodecError && error.message.includes("Type"),
      );
    });

    it("round-trips a Type=Job trigger with every field of the model", () => {
      const request = fullJobRequest();
      assert.deepEqual(decodeTriggerJobRequest(encodeTriggerJobRequest(request)), request);
    });

    it("round-trips a Type=Workflow trigger with several workflow ids and an empty prefix", () => {
      const request = fullWorkflowRequest();
      assert.deepEqual(decodeTriggerJobRequest(encodeTriggerJobRequest(request)), request);
    });

    it("keeps Chinese text, spaces and line breaks of user text through a round trip", () => {
      const userData = " 批量任务\r\n\t第二行 ";
      const decoded = decodeTriggerJobRequest(
        encodeTriggerJobRequest({ name: "任务", input: { object: "对象.mp4" }, operation: { tag: "T", userData } }),
      );
      assert.equal(decoded.operation.userData, userData);
      assert.equal(decoded.name, "任务");
      assert.equal(decoded.input.object, "对象.mp4");
    });

    it("rejects a body whose root is not Request", () => {
      assert.throws(() => decodeTriggerJobRequest(sample("trigger-response.xml")), CodecError);
    });

    it("rejects a request without Name", () => {
      assert.throws(
        () => decodeTriggerJobRequest("<Request><Input><Prefix>a</Prefix></Input><Operation/></Request>"),
        (error: unknown) => error instanceof CodecError && error.message.includes("Name"),
      );
    });
  });
});
