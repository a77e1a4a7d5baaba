/**
 * A parsed XML element as the service's rules and records see it: the trigger's `Input` and
 * `Operation` are validated in this form and kept in it, to be echoed back as sent. Parsing and
 * rendering belong to the HTTP layer (`../http/xml.ts`); these shapes live on the service's side
 * so that the service needs nothing from that layer.
 */

/** A parsed element: text, a container, or the list a repeated element becomes. */
export type XmlValue = string | XmlObject | XmlValue[];

/** A container element: child names to values, in document order; a name not given reads as `undefined`. */
export interface XmlObject {
  [name: string]: XmlValue | undefined;
}

/** Whether a parsed value is a container (as opposed to text or a repeated element). */
export function isXmlObject(value: XmlValue | undefined): value is XmlObject {
  return typeof value === "object" && !Array.isArray(value);
}
