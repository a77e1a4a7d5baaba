/**
 * The `<Error>` body the service sends with a 4xx/5xx status.
 */
import { parseXml } from "./xml";
import type { XmlNode } from "./xml";
import { CodecError } from "./codecError";

/** What an `<Error>` body says; each field absent when the element is absent or empty. */
export interface ServiceErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
  traceId?: string;
}

/** Each field of an `<Error>` body and its element, in the order the service writes them. */
export const ERROR_BODY_FIELDS = [
  ["code", "Code"],
  ["message", "Message"],
  ["requestId", "RequestId"],
  ["traceId", "TraceId"],
] as const;

/**
 * Reads an `<Error>` body. Gateways in front of the service can answer with HTML or nothing, so
 * anything that is not an `<Error>` document gives `undefined` instead of an exception.
 */
export function decodeErrorBody(xml: string): ServiceErrorBody | undefined {
  let node: XmlNode;
  try {
    const document = parseXml(xml);
    if (document.root !== "Error") return undefined;
    node = document.node;
  } catch (error) {
    if (error instanceof CodecError) return undefined;
    throw error;
  }
  if (typeof node === "string" || Array.isArray(node)) return {};
  const body: ServiceErrorBody = {};
  for (const [key, element] of ERROR_BODY_FIELDS) {
    const value = firstText(node[element]);
    if (value !== undefined) body[key] = value;
  }
  return body;
}

function firstText(node: XmlNode | undefined): string | undefined {
  const first = Array.isArray(node) ? node[0] : node;
  if (typeof first !== "string") return undefined;
  const text = first.trim();
  return text === "" ? undefined : text;
}
