/**
 * `POST /inventorytriggerjob`: the request body. The response is a `decodeJobsResponse` body
 * holding the new job.
 */
import type { TriggerJobRequest } from "../model";
import { buildXml, parseXml } from "./xml";
import { CodecError } from "./codecError";
import { decodeRecord, encodeRecord } from "./mapping";
import { TRIGGER_REQUEST_SHAPE } from "./fieldTable";

/**
 * Writes the `<Request>` body of a trigger. Absent fields are left out, user text is escaped,
 * `workflowIds` is comma-joined into one `WorkflowIds`, `jobLevel` is written in decimal.
 * Keys the model does not name are not written: validation reports them first.
 *
 * @throws CodecError when a value cannot be written as XML (a wrong type, a control character).
 */
export function encodeTriggerJobRequest(request: TriggerJobRequest): string {
  return buildXml("Request", encodeRecord(request, TRIGGER_REQUEST_SHAPE));
}

/**
 * Reads a `<Request>` body back into the model, as the emulator receives it. Only the structure is
 * checked here; what the values must be is the business of validation.
 *
 * @throws CodecError when the body is not XML, its root is not `Request`, or `Name`, `Input` or
 * `Operation` is missing.
 */
export function decodeTriggerJobRequest(xml: string): TriggerJobRequest {
  const document = parseXml(xml);
  if (document.root !== "Request") throw new CodecError(`expected a <Request> body, found <${document.root}>`);
  const request = decodeRecord(document.node, TRIGGER_REQUEST_SHAPE) as Partial<TriggerJobRequest>;
  for (const [key, element] of [["name", "Name"], ["input", "Input"], ["operation", "Operation"]] as const) {
    if (request[key] === undefined) throw new CodecError(`<Request> has no <${element}>`);
  }
  return request as TriggerJobRequest;
}
