/**
 * The service's side of the wire, for tests that stand in for it: bodies the client must read
 * (`<Response>`, `<Error>`) and a reader of the trigger body the client sends. The provider never
 * writes these, so they live here, built on the same field table as the provider's codec.
 */
import { ERROR_BODY_FIELDS, type ServiceErrorBody } from "../../provider/codec/errorBody";
import { JOB_DETAIL_SHAPE, TRIGGER_REQUEST_SHAPE } from "../../provider/codec/fieldTable";
import type { JobsResponse } from "../../provider/codec/jobsResponse";
import { CodecError } from "../../provider/codec/codecError";
import { decodeRecord, encodeRecord } from "../../provider/codec/mapping";
import { buildXml, parseXml, type XmlElement } from "../../provider/codec/xml";
import type { JobDetail, TriggerJobRequest } from "../../provider/model";

/** Writes one `JobsDetail` in the order of the vendor's sample. */
export function encodeJobDetail(detail: JobDetail): XmlElement {
  return encodeRecord(detail, JOB_DETAIL_SHAPE);
}

/** Writes a `<Response>` body as the service lays it out. */
export function encodeJobsResponse(response: JobsResponse): string {
  const element: XmlElement = {};
  if (response.requestId !== undefined) element.RequestId = response.requestId;
  if (response.jobs.length > 0) element.JobsDetail = response.jobs.map(encodeJobDetail);
  if (response.nonExistJobIds.length > 0) element.NonExistJobIds = response.nonExistJobIds.join(",");
  if (response.nextToken !== undefined) element.NextToken = response.nextToken;
  return buildXml("Response", element);
}

/** Writes an `<Error>` body, as the service answers a failed call. */
export function encodeErrorBody(body: ServiceErrorBody): string {
  const element: XmlElement = {};
  for (const [key, name] of ERROR_BODY_FIELDS) {
    const value = body[key];
    if (value !== undefined) element[name] = value;
  }
  return buildXml("Error", element);
}

/**
 * Reads a `<Request>` body back into the model, as the service receives it, for round trips of the
 * trigger encoder. Only the structure is checked.
 *
 * @throws CodecError when the body is not XML, its root is not `Request`, or `Name`, `Input` or
 * `Operation` is missing.
 */
export function decodeTriggerJobRequest(xml: string): TriggerJobRequest {
  const document = parseXml(xml);
  if (document.root !== "Request") throw new CodecError(`expected a <Request> body, found <${document.root}>`);
  const { name, input, operation, ...rest } = decodeRecord(document.node, TRIGGER_REQUEST_SHAPE);
  if (name === undefined) throw new CodecError("<Request> has no <Name>");
  if (input === undefined) throw new CodecError("<Request> has no <Input>");
  if (operation === undefined) throw new CodecError("<Request> has no <Operation>");
  return { name, ...rest, input, operation };
}
