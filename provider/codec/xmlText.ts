/**
 * XML text rules that need no parser: which characters XML cannot carry, how text is escaped on the
 * way out and how references are decoded on the way in. Kept apart from `xml.ts` so that validation
 * and policy packs can use them without loading fast-xml-parser.
 */

/** Characters XML 1.0 cannot carry at all, not even as references, lone surrogates included. */
export const FORBIDDEN_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern finds.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * Decodes XML's five predefined entities and numeric character references in one pass, so that
 * `&amp;#34;` stays the text `&#34;`. Anything else is left as written.
 */
export function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos));/g,
    (whole, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return PREDEFINED_ENTITIES[name];
      const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Escapes text for element content: markup characters, quotes, and `\r` (which parsers would fold). */
export function escapeText(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;");
}
