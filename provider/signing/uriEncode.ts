/**
 * Percent-encodes a string the way the COS XML signature expects (RFC 3986): every UTF-8 byte
 * outside the unreserved set `A-Z a-z 0-9 - _ . ~` becomes `%XX` with upper-case hex digits.
 *
 * `encodeURIComponent` leaves `! ' ( ) *` alone, but the service encodes them, so they are
 * escaped here too; the request URL and the signature must use this same encoding, or the
 * service computes a different string to sign.
 *
 * @param value - the text to encode.
 * @returns the encoded text.
 * @throws URIError when `value` holds a lone UTF-16 surrogate, which has no UTF-8 form.
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
