/**
 * The bodies the emulator reads, the counterpart of `responses.ts`: the XML is parsed here, on the
 * HTTP side, and the service's rules then judge the parsed document.
 */
import { validateTrigger } from "../service/triggerValidation";
import type { TriggerSpec } from "../service/triggerValidation";
import { parseRequestXml } from "./xml";

/**
 * Parses and validates a trigger body (`POST /inventorytriggerjob`); throws the service's
 * `MalformedXML` for a body that is not one `<Request>` element and `InvalidArgument` for one that
 * breaks a rule.
 */
export function parseTrigger(body: string): TriggerSpec {
  return validateTrigger(parseRequestXml(body, "Request"));
}
