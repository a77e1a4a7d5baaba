/**
 * The log of requests the emulator received, for tests to assert on what was sent (for example
 * "no write reached the service") and for the CLI to print.
 */
import type { OperationName } from "../service/faults";

/** One received request and what it got. */
export interface RequestLogEntry {
  method: string;
  /** Path without the query, as sent (not decoded). */
  path: string;
  /** Decoded query parameters; a valueless one (`?cancel`) is `""`. */
  query: Record<string, string>;
  /** When it arrived, on the emulator's clock (ms). */
  time: number;
  /** Status answered; 0 when the connection was destroyed without an answer. */
  status: number;
  /** The call it addressed, when the path and method name one. */
  operation?: OperationName;
  /** `x-ci-request-id` of the answer. */
  requestId: string;
  /** The service error code answered, if any. */
  errorCode?: string;
  /** Whether the connection was destroyed after the work was done (a reset-after-commit fault). */
  reset: boolean;
}

/** Entries kept at most; the oldest go first, so a long demo run does not grow without bound. */
export const REQUEST_LOG_LIMIT = 10_000;

/** The request log of one emulator. */
export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private readonly listeners: ((entry: RequestLogEntry) => void)[] = [];

  /** Every entry kept, oldest first. */
  get entries(): readonly RequestLogEntry[] {
    return this.items;
  }

  /** Entries of one operation. */
  forOperation(operation: OperationName): RequestLogEntry[] {
    return this.items.filter((entry) => entry.operation === operation);
  }

  /** Entries that could change state: every method but GET and HEAD. */
  writes(): RequestLogEntry[] {
    return this.items.filter((entry) => entry.method !== "GET" && entry.method !== "HEAD");
  }

  /** Forgets every entry. */
  clear(): void {
    this.items.length = 0;
  }

  /** Calls `listener` with each new entry (the CLI prints them). */
  onEntry(listener: (entry: RequestLogEntry) => void): void {
    this.listeners.push(listener);
  }

  /** Records an entry. */
  add(entry: RequestLogEntry): void {
    this.items.push(entry);
    if (this.items.length > REQUEST_LOG_LIMIT) {
      this.items.splice(0, this.items.length - REQUEST_LOG_LIMIT);
    }
    for (const listener of this.listeners) {
      listener(entry);
    }
  }
}
