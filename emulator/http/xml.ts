/**
 * The one place the emulator configures fast-xml-parser, for reading request bodies and writing
 * responses. Deliberately separate from the client's codec, so a shared bug cannot pass both sides.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { MalformedXmlError } from "../service/errors";
import type { XmlObject, XmlValue } from "../service/xmlValue";

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Ids such as "0123" and job levels must stay the strings the caller sent.
  parseTagValue: false,
  trimValues: true,
});

// fast-xml-parser 5 marks its builder and validator deprecated in favour of separate packages but
// still ships them; the provider's codec uses the same two, so they move together.
// eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
const builder = new XMLBuilder({
  format: true,
  indentBy: "  ",
  // The samples write empty elements as `<Message/>`.
  suppressEmptyNode: true,
});

/**
 * Parses a request body whose root must be `rootName`, and returns the root's content.
 * Throws {@link MalformedXmlError} for anything that is not one well-formed element of that name.
 */
export function parseRequestXml(body: string, rootName: string): XmlValue {
  if (body.trim() === "") {
    throw new MalformedXmlError("The request body is empty.");
  }
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see the builder above
  const validation = XMLValidator.validate(body);
  if (validation !== true) {
    throw new MalformedXmlError(`The XML you provided was not well-formed: ${validation.err.msg}`);
  }
  const document = parser.parse(body) as XmlObject;
  const roots = Object.keys(document);
  const root = document[rootName];
  if (roots.length !== 1 || root === undefined || Array.isArray(root)) {
    throw new MalformedXmlError(`The XML root element must be <${rootName}>.`);
  }
  return root;
}

/** Renders `<rootName>` around `content`; `undefined` fields are left out, `""` gives `<Name/>`. */
export function renderXml(rootName: string, content: Record<string, unknown>, declaration = false): string {
  const xml = builder.build({ [rootName]: content });
  return declaration ? `<?xml version='1.0' encoding='utf-8' ?>\n${xml}` : xml;
}
