/**
 * Recognising credentials in free-form values without ever returning them: every function here
 * answers with a kind of credential, never with the text that matched.
 */

/** What a value was taken for. */
export type CredentialKind = "SecretId" | "secret key" | "URL password" | "credential-named field";

/** A Tencent Cloud SecretId: `AKID` and a run of letters and digits (32 in permanent keys, more in temporary ones). */
const SECRET_ID = /(?<![A-Za-z0-9])AKID[A-Za-z0-9]{24,}(?![A-Za-z0-9])/;
/** A run of exactly 32 letters and digits, the shape of a Tencent Cloud SecretKey. */
const KEY_SIZED_TOKEN = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;
/** Field names that only ever hold a credential; compared without case, '_' or '-'. */
const CREDENTIAL_FIELDS = new Set([
  "secretid",
  "secretkey",
  "securitytoken",
  "sessiontoken",
  "accesskey",
  "accesskeyid",
  "accesskeysecret",
  "apikey",
  "password",
  "passwd",
  "privatekey",
  "clientsecret",
]);
/**
 * Fewest bits per character a key-sized token needs to count as random. Random 32-character
 * tokens over letters and digits score about 4.5 (5 at most); identifiers and words score lower.
 */
const MIN_ENTROPY_BITS = 4;

/** The kinds of credential a string value looks like; empty when it looks like none. */
export function credentialKindsInValue(value: string): CredentialKind[] {
  const kinds: CredentialKind[] = [];
  if (SECRET_ID.test(value)) kinds.push("SecretId");
  if ((value.match(KEY_SIZED_TOKEN) ?? []).some(looksRandom)) kinds.push("secret key");
  if (hasUrlPassword(value)) kinds.push("URL password");
  return kinds;
}

/** Whether a field's name says it holds a credential. */
export function isCredentialField(key: string): boolean {
  return CREDENTIAL_FIELDS.has(key.replace(/[_-]/g, "").toLowerCase());
}

/**
 * Mixed case and at least two digits rule out hex digests (template and workflow ids, MD5 sums) and
 * most identifiers; the entropy bound rules out the rest of what people type.
 */
function looksRandom(token: string): boolean {
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || (token.match(/\d/g) ?? []).length < 2) return false;
  return entropyBitsPerChar(token) >= MIN_ENTROPY_BITS;
}

function entropyBitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function hasUrlPassword(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value.trim())) return false;
  try {
    return new URL(value.trim()).password !== "";
  } catch {
    return false;
  }
}
