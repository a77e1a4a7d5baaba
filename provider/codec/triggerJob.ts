/**
 * `POST /inventorytriggerjob`: the request body. The response is a `decodeJobsResponse` body
 * holding the new job.
 */
import type { TriggerJobRequest } from "../model";
import { buildXml } from "./xml";
import { encodeRecord } from "./mapping";
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
