/**
 * The `<Response>` body shared by the trigger, describe and list calls: a request id, any number
 * of `JobsDetail`, the ids that were not found and the paging token.
 */
import type { JobDetail } from "../model";
import { buildXml, parseXml, XmlElement } from "./xml";
import { CodecError } from "./codecError";
import { decodeJobDetail, encodeJobDetail } from "./jobDetail";
import { asArray, leafText, splitIds } from "./mapping";

export { CodecError } from "./codecError";

/** A decoded `<Response>`. */
export interface JobsResponse {
  requestId?: string;
  /** Every `JobsDetail`, in document order; empty when there is none. */
  jobs: JobDetail[];
  /** Ids the describe call did not find; empty when all exist (the element is then absent). */
  nonExistJobIds: string[];
  /** Paging token; absent when the element is absent or empty (the last page). */
  nextToken?: string;
}

/**
 * Reads a `<Response>` body. `NonExistJobIds` is accepted as one element, comma-separated ids or
 * a repeated element, and also under the singular name `NonExistJobId` that the Go SDK's
 * `DescribeInventoryTriggerJobResult` reads.
 *
 * @throws CodecError when the body is not XML, its root is not `Response`, or a `JobsDetail` is malformed.
 */
export function decodeJobsResponse(xml: string): JobsResponse {
  const document = parseXml(xml);
  if (document.root !== "Response") throw new CodecError(`expected a <Response> body, found <${document.root}>`);
  const node = document.node;
  if (Array.isArray(node)) throw new CodecError("<Response> appears more than once");
  if (typeof node === "string" && node.trim() !== "") throw new CodecError("<Response> holds text instead of elements");
  const children: XmlElement = typeof node === "string" ? {} : node;
  const result: JobsResponse = {
    jobs: asArray(children.JobsDetail).map(decodeJobDetail),
    nonExistJobIds: [...asArray(children.NonExistJobIds), ...asArray(children.NonExistJobId)].flatMap((item) =>
      splitIds(leafText(item, "Response.NonExistJobIds")),
    ),
  };
  const requestId = optionalText(children.RequestId, "Response.RequestId");
  if (requestId !== undefined) result.requestId = requestId;
  const nextToken = optionalText(children.NextToken, "Response.NextToken");
  if (nextToken !== undefined) result.nextToken = nextToken;
  return result;
}

/** Writes a `<Response>` body as the service lays it out; the emulator answers with it. */
export function encodeJobsResponse(response: JobsResponse): string {
  const element: XmlElement = {};
  if (response.requestId !== undefined) element.RequestId = response.requestId;
  if (response.jobs.length > 0) element.JobsDetail = response.jobs.map(encodeJobDetail);
  if (response.nonExistJobIds.length > 0) element.NonExistJobIds = response.nonExistJobIds.join(",");
  if (response.nextToken !== undefined) element.NextToken = response.nextToken;
  return buildXml("Response", element);
}

function optionalText(node: XmlElement[string] | undefined, path: string): string | undefined {
  if (node === undefined) return undefined;
  const text = leafText(node, path).trim();
  return text === "" ? undefined : text;
}
