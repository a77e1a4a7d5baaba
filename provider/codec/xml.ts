/**
 * The one configuration of fast-xml-parser, for parsing and for building.
 *
 * Everything XML-specific that is not about a particular operation lives here: which parser
 * options keep the service's ids intact, how a document is checked before it is trusted, and
 * how text is escaped on the way out. The per-operation codecs only see plain objects.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { CodecError } from "./codecError";
import { decodeEntities, escapeText, FORBIDDEN_XML_CHARS } from "./xmlText";

/**
 * A parsed element: text for a leaf (`""` for `<Message/>`), an object of children for a
 * container, and an array where an element repeats. Attributes are dropped: the service sends none.
 */
export type XmlNode = string | XmlElement | XmlNode[];

/** The children of a container element, by element name, in document order. */
export interface XmlElement {
  [name: string]: XmlNode;
}

/** A parsed document: the name of its single root element and that element. */
export interface XmlDocument {
  root: string;
  node: XmlNode;
}

/** The key fast-xml-parser uses for text beside child elements; the codecs ignore it. */
export const TEXT_KEY = "#text";

const parser = new XMLParser({
  // Ids, tokens and numbers like JobLevel stay strings; the codecs convert the few numeric fields.
  parseTagValue: false,
  ignoreAttributes: true,
  // Kept verbatim so that user text (UserData, object keys) round-trips with its spaces; the
  // whitespace between elements lands under TEXT_KEY and is ignored.
  trimValues: false,
  // Entities are decoded by decodeEntities (xmlText.ts), in one pass and only where a value holds `&`:
  // the parser's own `htmlEntities` runs some sixty replacements over every value, which measured
  // as 40% of the cost of parsing a response. A DOCTYPE is refused, so only XML's predefined
  // entities and numeric references (services written in Go escape quotes as `&#34;`) can occur.
  processEntities: false,
  tagValueProcessor: (_name: string, value: string) => (value.includes("&") ? decodeEntities(value) : value),
  ignoreDeclaration: true,
  ignorePiTags: true,
  textNodeName: TEXT_KEY,
  // No callback here reads the element's path; by default the parser renders it as a string for
  // every value: about a quarter of what parsing a describe response cost a cold provider process.
  jPath: false,
});

// fast-xml-parser 5 marks its builder and validator deprecated in favour of separate packages
// (fast-xml-builder, fast-xml-validator); they still ship here and work. Moving means two more
// dependencies, for this codec and the emulator's at once, and is left for a deliberate change.
// eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
const builder = new XMLBuilder({
  ignoreAttributes: true,
  format: false,
  suppressEmptyNode: false,
  // Escaping is done by escapeText (xmlText.ts), which also protects carriage returns.
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
});

/** Element names the codecs are willing to write: XML names without namespaces or dots. */
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Parses one XML document.
 *
 * @throws CodecError when the text is not well-formed XML with exactly one root element, or
 * carries a DOCTYPE (the service never sends one; refusing it rules out entity expansion).
 */
export function parseXml(text: string): XmlDocument {
  if (typeof text !== "string") throw new CodecError("the body is not text");
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (/<!DOCTYPE/i.test(source)) throw new CodecError("the body carries a DOCTYPE, which the service never sends");
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see the builder above
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new CodecError(`the body is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  let parsed: XmlElement;
  try {
    parsed = parser.parse(source) as XmlElement;
  } catch (cause) {
    throw new CodecError(`the body could not be parsed: ${(cause as Error).message}`, { cause });
  }
  const roots = Object.keys(parsed).filter((key) => key !== TEXT_KEY);
  if (roots.length !== 1 || Array.isArray(parsed[roots[0]])) {
    throw new CodecError(`the body must have exactly one root element, found ${roots.length === 1 ? "it repeated" : roots.length}`);
  }
  return { root: roots[0], node: parsed[roots[0]] };
}

/**
 * Builds a compact document from an element tree whose leaves are already strings.
 * Key order is element order; arrays become repeated elements; `""` becomes an empty element.
 *
 * @throws CodecError when a name is not a plain XML name or a text holds a character XML cannot carry.
 */
export function buildXml(root: string, node: XmlNode): string {
  checkTree(root, node);
  return builder.build({ [root]: node });
}

function checkTree(name: string, node: XmlNode): void {
  if (!ELEMENT_NAME.test(name)) throw new CodecError(`${JSON.stringify(name)} cannot be an XML element name`);
  if (typeof node === "string") {
    if (FORBIDDEN_XML_CHARS.test(node)) throw new CodecError(`<${name}> holds a control character that XML cannot carry`);
  } else if (Array.isArray(node)) {
    for (const item of node) {
      if (Array.isArray(item)) throw new CodecError(`<${name}> is a list of lists, which XML cannot express`);
      checkTree(name, item);
    }
  } else {
    for (const [child, value] of Object.entries(node)) checkTree(child, value);
  }
}
