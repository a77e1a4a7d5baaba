/**
 * The `<Response>` body shared by the trigger, describe and list calls: a request id, any number
 * of `JobsDetail`, the ids that were not found and the paging token.
 */
import type { JobDetail } from "../model";
import { parseXml } from "./xml";
import type { XmlElement } from "./xml";
import { CodecError } from "./codecError";
import { decodeJobDetail } from "./jobDetail";
import { asArray, leafText, splitIds } from "./mapping";

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

function optionalText(node: XmlElement[string] | undefined, path: string): string | undefined {
  if (node === undefined) return undefined;
  const text = leafText(node, path).trim();
  return text === "" ? undefined : text;
}
