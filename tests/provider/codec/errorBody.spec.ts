import assert from "node:assert/strict";
import { decodeErrorBody } from "../../../provider/codec/errorBody";
import { encodeErrorBody } from "../../support/wireCodec";

describe("errorBody codec", () => {
  it("reads Code, Message, RequestId and TraceId of an <Error> body", () => {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>InvalidArgument</Code>\n  <Message>Name is invalid</Message>\n' +
      "  <RequestId>NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==</RequestId>\n  <TraceId>OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OWE4OGMxZjNjY2JiNTBmMTVmMWY1MzAzYzkyZGQ2ZWM4YzYwZTI4NGY5NTE0MWM1OTNiYjNhMDNiNWY1MWE0YzU=</TraceId>\n</Error>\n";
    assert.deepEqual(decodeErrorBody(body), {
      code: "InvalidArgument",
      message: "Name is invalid",
      requestId: "NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==",
      traceId:
        "OGVmYzZiMmQzYjA2OWNhODk0NTRkMTBiOWVmMDAxODc0OWRkZjk0ZDM1NmI1M2E2MTRlY2MzZDhmNmI5MWI1OWE4OGMxZjNjY2JiNTBmMTVmMWY1MzAzYzkyZGQ2ZWM4YzYwZTI4NGY5NTE0MWM1OTNiYjNhMDNiNWY1MWE0YzU=",
    });
  });

  it("leaves out empty and missing elements", () => {
    assert.deepEqual(decodeErrorBody("<Error><Code>AccessDenied</Code><Message/></Error>"), { code: "AccessDenied" });
    assert.deepEqual(decodeErrorBody("<Error/>"), {});
  });

  it("gives undefined for a body that is not an <Error>", () => {
    for (const body of [
      "",
      "Bad Gateway",
      "<html><body>502</body></html>",
      "<Response><RequestId>r</RequestId></Response>",
      "<Error><Code>x</Error>",
    ]) {
      assert.equal(decodeErrorBody(body), undefined, body);
    }
  });

  it("round-trips what the emulator writes", () => {
    const body = { code: "NoSuchJob", message: "job <b1> & co", requestId: "r1", traceId: "t1" };
    assert.deepEqual(decodeErrorBody(encodeErrorBody(body)), body);
  });
});
