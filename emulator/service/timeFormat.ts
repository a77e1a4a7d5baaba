/**
 * The service's time formats: job times as `%Y-%m-%dT%H:%M:%S%z` in China time (the samples show
 * `2022-06-27T15:23:10+0800`), `-` for a time not yet set, and RFC 1123 for the `Date` header.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** What the service writes for a time that is not set yet (e.g. `StartTime` of a `Submitted` job). */
export const UNSET_TIME = "-";

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** Formats epoch milliseconds as the service does: `2022-06-27T15:23:10+0800`. */
export function formatCiTime(epochMs: number): string {
  const local = new Date(epochMs + CHINA_OFFSET_MS);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}+0800`;
}

/** {@link formatCiTime}, or {@link UNSET_TIME} when the time is not set. */
export function formatOptionalCiTime(epochMs: number | undefined): string {
  return epochMs === undefined ? UNSET_TIME : formatCiTime(epochMs);
}

const CI_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

/**
 * Parses `%Y-%m-%dT%H:%M:%S%z` (the offset as `+hhmm`, as strftime writes it) into epoch
 * milliseconds; `undefined` when the text does not have that shape or names no real instant
 * (month 13, 30 February, offset past 14 hours).
 */
export function parseCiTime(text: string): number | undefined {
  const match = CI_TIME.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part));
  const sign = match[7] === "-" ? -1 : 1;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 30 February over into March: a round trip catches dates that do not exist.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60 * 1000;
}

/** The `Date` response header: RFC 1123 in GMT. */
export function formatHttpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}
