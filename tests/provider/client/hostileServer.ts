/**
 * An HTTP server on loopback that answers CI calls with hostile responses: the vendor's samples
 * mutated, bodies too large, wrong or missing content, odd statuses, stalls and broken connections.
 *
 * Every answer is drawn from a generator seeded with the server's seed, the call's case number and
 * how many times that case has asked, so a run is reproducible whatever order requests arrive in.
 * The case number travels in the job id (`c123`), the `name` query parameter or the trigger's
 * `<Name>`.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { sample } from "../../support/samples";

/** A small, fast, seedable generator (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }

  token(length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let text = "";
    for (let i = 0; i < length; i++) text += alphabet[this.int(0, alphabet.length - 1)];
    return text;
  }
}

/** The CI call a request is, as the server sees it. */
export type Operation = "DescribeJob" | "ListJobs" | "CancelJob" | "TriggerJob";

/** How a response misbehaves; each kind is drawn with its weight. */
const KINDS = {
  valid: 10,
  bytesFlipped: 8,
  elementDropped: 6,
  elementDuplicated: 6,
  elementRenamed: 6,
  truncated: 8,
  deepNesting: 3,
  hugeText: 2,
  manyElements: 2,
  entityTrick: 5,
  invalidUtf8: 4,
  oversized: 3,
  wrongContentType: 4,
  emptyBody: 4,
  json: 2,
  html: 2,
  binary: 2,
  randomStatus: 12,
  clockSkew: 1,
  lyingLength: 2,
  rawGarbage: 2,
  destroyedMidBody: 4,
  slowDrip: 1,
  stalled: 0.3,
} as const;

/** A kind of hostile response. */
export type ResponseKind = keyof typeof KINDS;

const KIND_NAMES = Object.keys(KINDS) as ResponseKind[];
const TOTAL_WEIGHT = KIND_NAMES.reduce((sum, kind) => sum + KINDS[kind], 0);

const SAMPLES: Record<Operation, string[]> = {
  DescribeJob: [sample("query-response.xml"), sample("query-response-2024.xml")],
  ListJobs: [sample("list-response.xml")],
  TriggerJob: [sample("trigger-response.xml"), sample("trigger-response-sample.xml")],
  CancelJob: ["<Response><RequestId>NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==</RequestId></Response>"],
};
const SAMPLE_JOB_ID = "b3deffea2f84911ec9cb15254008618d9";

const ENTITY_TRICKS = [
  '<!DOCTYPE Response [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Response><RequestId>&xxe;</RequestId></Response>',
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Response><RequestId>&c;</RequestId></Response>',
  "<Response><RequestId>&xxe;</RequestId></Response>",
  "<Response><JobsDetail><JobId>&#0;</JobId></JobsDetail></Response>",
  "<Response><JobsDetail><JobId>&#xD800;&#x110000;&#99999999999;</JobId></JobsDetail></Response>",
  "<Response><JobsDetail><JobId>b1&amp;lt;&lt;&gt;</JobId><Name>&quot;&apos;&#34;&#x27;</Name></JobsDetail></Response>",
  '<?xml version="1.0" encoding="UTF-16"?><Response><JobsDetail><JobId>b1</JobId></JobsDetail></Response>',
  '<?xml-stylesheet href="http://127.0.0.1:1/x.xsl"?><Response><!-- <JobsDetail> --><JobsDetail><JobId><![CDATA[b1]]]]><![CDATA[>]]></JobId></JobsDetail></Response>',
  '<!ENTITY x "y"><Response><RequestId>&x;</RequestId></Response>',
  '<Response xmlns:x="urn:x"><x:JobsDetail><x:JobId>b1</x:JobId></x:JobsDetail></Response>',
  "<Response><JobsDetail><JobId>b1</JobId><__proto__><polluted>yes</polluted></__proto__><constructor><prototype>x</prototype></constructor></JobsDetail></Response>",
  "<Response><JobsDetail><JobId>b1</JobId><Operation><JobLevel>99999999999999999999</JobLevel></Operation></JobsDetail></Response>",
];
const BAD_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xef, 0xbf, 0xbe]];
const STATUSES = [
  201, 202, 203, 204, 206, 299, 300, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 409, 410, 413, 418, 429, 451, 499, 500, 501, 502,
  503, 504, 599,
];
const ERROR_CODES = [
  "InvalidArgument",
  "AccessDenied",
  "NoSuchJob",
  "InternalError",
  "SignatureDoesNotMatch",
  "SlowDown",
  "ServiceUnavailable",
  "",
];
const CONTENT_TYPES = [
  "text/html",
  "application/json",
  "text/plain; charset=gbk",
  "application/xml; charset=ISO-8859-1",
  "image/png",
  "",
  "multipart/mixed; boundary=x",
];
const RAW_GARBAGE = [
  "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n<Response/>",
  "garbage\r\n\r\n",
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n<Response/>\r\n0\r\n\r\n",
  "HTTP/1.1 999 Weird\r\nContent-Length: 11\r\n\r\n<Response/>",
  "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Length: 12\r\n\r\n<Response/>",
  "HTTP/1.1 200 OK\r\nX-Bad: a\u0000b\r\nContent-Length: 11\r\n\r\n<Response/>",
  "HTTP/2.0 200 OK\r\n\r\n",
  "\u0000\u0001\u0002\u0003",
];

/** Options of {@link startHostileServer}. */
export interface HostileServerOptions {
  seed: number;
  /** The client's cap; oversized bodies go beyond it, huge ones stay under it. */
  maxResponseBytes: number;
}

/** A started server. */
export interface HostileServer {
  url: string;
  /** Responses served (or connections broken) per kind. */
  readonly served: ReadonlyMap<ResponseKind, number>;
  readonly total: number;
  /** The last body the server wrote for a describe call of this case, if any. */
  describeBody(caseId: string): string | undefined;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const served = new Map<ResponseKind, number>();
  const attempts = new Map<string, number>();
  const describeBodies = new Map<string, string>();
  const sockets = new Set<Socket>();
  let total = 0;
  const server = createServer((request, response) => {
    request.on("error", () => undefined);
    response.on("error", () => undefined);
    readCase(request).then(
      ({ operation, caseId }) => {
        const attempt = attempts.get(caseId) ?? 0;
        attempts.set(caseId, attempt + 1);
        const random = new Random(mix(options.seed, Number(caseId.slice(1)), attempt));
        const kind = drawKind(random);
        served.set(kind, (served.get(kind) ?? 0) + 1);
        total += 1;
        const record = (body: string | Buffer): void => {
          if (operation === "DescribeJob") describeBodies.set(caseId, body.toString());
        };
        answer(kind, random, operation, caseId, options.maxResponseBytes, request, response, record);
      },
      () => request.socket.destroy(),
    );
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.once("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket: Socket) => socket.destroy());
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    get total() {
      return total;
    },
    describeBody: (caseId) => describeBodies.get(caseId),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The operation a request is and its case number. */
async function readCase(request: IncomingMessage): Promise<{ operation: Operation; caseId: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = new URL(request.url ?? "/", "http://stub");
  const byPath = /^\/inventorytriggerjob\/(c\d+)$/.exec(url.pathname);
  if (byPath !== null) return { operation: request.method === "PUT" ? "CancelJob" : "DescribeJob", caseId: byPath[1] };
  if (request.method === "POST") {
    const name = /<Name>(c\d+)<\/Name>/.exec(Buffer.concat(chunks).toString("utf8"));
    if (name !== null) return { operation: "TriggerJob", caseId: name[1] };
  }
  const name = url.searchParams.get("name");
  if (name !== null && /^c\d+$/.test(name)) return { operation: "ListJobs", caseId: name };
  throw new Error(`a request the server cannot place: ${request.method ?? "?"} ${request.url ?? "?"}`);
}

function mix(...parts: number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x01000193) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995) >>> 0;
  }
  return hash;
}

function drawKind(random: Random): ResponseKind {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const kind of KIND_NAMES) {
    roll -= KINDS[kind];
    if (roll < 0) return kind;
  }
  return "valid";
}

/** A valid body for the call: the sample, describing the requested job when one is asked for. */
function validBody(random: Random, operation: Operation, caseId: string): string {
  const body = random.pick(SAMPLES[operation]);
  if (operation !== "DescribeJob") return body;
  if (random.chance(0.2)) return `<Response><RequestId>r-${caseId}</RequestId><NonExistJobIds>${caseId}</NonExistJobIds></Response>`;
  return body.split(SAMPLE_JOB_ID).join(caseId);
}

function answer(
  kind: ResponseKind,
  random: Random,
  operation: Operation,
  caseId: string,
  cap: number,
  request: IncomingMessage,
  response: ServerResponse,
  record: (body: string | Buffer) => void,
): void {
  const xml = (): string => validBody(random, operation, caseId);
  const send = (status: number, body: string | Buffer, contentType = "application/xml", headers: Record<string, string> = {}): void => {
    const head: Record<string, string> = { "x-ci-request-id": `r-${caseId}`, ...headers };
    if (contentType !== "") head["content-type"] = contentType;
    record(body);
    response.writeHead(status, head).end(body);
  };
  switch (kind) {
    case "valid":
      return send(200, xml());
    case "bytesFlipped": {
      const body = Buffer.from(xml());
      for (let n = random.int(1, 8); n > 0; n--) body[random.int(0, body.length - 1)] ^= 1 << random.int(0, 7);
      return send(200, body);
    }
    case "elementDropped":
    case "elementDuplicated":
    case "elementRenamed":
      return send(200, mutateElement(kind, random, xml()));
    case "truncated": {
      const body = Buffer.from(xml());
      return send(200, body.subarray(0, random.int(0, body.length - 1)));
    }
    case "deepNesting": {
      const depth = random.int(50, 20_000);
      const nest = `${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`;
      return send(200, insertAfter(xml(), random.pick(["<Response>", "<JobsDetail>", "<Operation>", "<JobParam>"]), nest));
    }
    case "hugeText": {
      const text = random.pick(["x", "&amp;", "用", " "]).repeat(random.int(16_000, Math.floor(cap / 6)));
      return send(200, insertAfter(xml(), "<JobsDetail>", `<Note>${text}</Note>`));
    }
    case "manyElements": {
      const count = random.int(500, 3000);
      const items = random.chance(0.5)
        ? Array.from({ length: count }, (_, i) => `<JobsDetail><JobId>b${i}</JobId></JobsDetail>`)
        : Array.from({ length: count }, (_, i) => `<E${i}>${i}</E${i}>`);
      return send(200, insertAfter(xml(), "<Response>", items.join("")));
    }
    case "entityTrick":
      return send(200, random.pick(ENTITY_TRICKS));
    case "invalidUtf8": {
      let body = Buffer.from(xml());
      for (let n = random.int(1, 4); n > 0; n--) {
        const at = random.int(0, body.length);
        body = Buffer.concat([body.subarray(0, at), Buffer.from(random.pick(BAD_UTF8)), body.subarray(at)]);
      }
      return send(200, body);
    }
    case "oversized": {
      const body = Buffer.alloc(cap + random.int(1, cap * 3), "<a>b</a>");
      if (random.chance(0.5)) return send(random.pick([200, 500]), body);
      response.writeHead(200, { "content-type": "application/xml" });
      for (let at = 0; at < body.length; at += 16_384) response.write(body.subarray(at, at + 16_384));
      response.end();
      return;
    }
    case "wrongContentType":
      return send(200, xml(), random.pick(CONTENT_TYPES));
    case "emptyBody":
      return send(random.pick([200, 200, 201, 204]), "", random.pick(["application/xml", ""]));
    case "json":
      return send(200, JSON.stringify({ Response: { JobsDetail: [{ JobId: caseId }], RequestId: "r" } }), "application/json");
    case "html":
      return send(200, "<html><head><title>502</title></head><body><p>Bad gateway<br></body></html>", "text/html");
    case "binary":
      return send(200, random.bytes(random.int(1, 4096)), random.pick(["application/octet-stream", "application/xml"]));
    case "randomStatus":
      return sendStatus(random, caseId, xml, send);
    case "clockSkew": {
      const body = `<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message><RequestId>r-${caseId}</RequestId></Error>`;
      return send(403, body, "application/xml", {
        date: random.pick([new Date(Date.now() + 3_600_000).toUTCString(), "not a date", "Thu, 01 Jan 1970 00:00:00 GMT"]),
      });
    }
    case "lyingLength": {
      const body = Buffer.from(xml());
      const declared = random.chance(0.5) ? body.length + random.int(1, 100) : Math.max(0, body.length - random.int(1, 50));
      const socket = response.socket;
      if (socket === null) return;
      record(body.subarray(0, declared));
      socket.end(
        Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: ${declared}\r\n\r\n`), body]),
      );
      return;
    }
    case "rawGarbage":
      request.socket.end(random.pick(RAW_GARBAGE));
      return;
    case "destroyedMidBody": {
      const body = Buffer.from(xml());
      if (random.chance(0.2)) return void request.socket.destroy();
      response.writeHead(200, { "content-type": "application/xml", "content-length": String(body.length) });
      response.write(body.subarray(0, random.int(0, body.length - 1)), () => {
        if (random.chance(0.5)) request.socket.resetAndDestroy();
        else request.socket.destroy();
      });
      return;
    }
    case "slowDrip": {
      const body = Buffer.from(xml());
      record(body);
      response.writeHead(200, { "content-type": "application/xml" });
      let at = 0;
      const drip = (): void => {
        if (response.destroyed) return;
        if (at >= body.length) return void response.end();
        response.write(body.subarray(at, (at += Math.ceil(body.length / 5))));
        setTimeout(drip, 10);
      };
      drip();
      return;
    }
    case "stalled":
      // Headers and part of the body, or nothing at all; the server closes the socket at the end.
      if (random.chance(0.5)) response.writeHead(200, { "content-type": "application/xml" }).write(xml().slice(0, 20));
      return;
  }
}

function sendStatus(
  random: Random,
  caseId: string,
  xml: () => string,
  send: (status: number, body: string, contentType?: string, headers?: Record<string, string>) => void,
): void {
  const status = random.pick(STATUSES);
  const headers: Record<string, string> = {};
  if (status >= 300 && status < 400)
    headers.location = random.pick(["http://127.0.0.1:1/elsewhere", "/inventorytriggerjob", "javascript:x"]);
  if (random.chance(0.3))
    headers["retry-after"] = random.pick(["0", "1", "-5", "soon", "99999999999", new Date(Date.now() + 1000).toUTCString()]);
  const code = random.pick(ERROR_CODES);
  const bodies = [
    () =>
      `<Error><Code>${code}</Code><Message>${random.token(random.int(0, 40))}</Message><RequestId>r-${caseId}</RequestId><TraceId>${random.token(20)}</TraceId></Error>`,
    () => `<Error><Code><Nested>${code}</Nested></Code></Error>`,
    () => `<Error><Code>${code}</Code><Code>Twice</Code></Error>`,
    () => `<Error><Code>${code}</Code><Message>${"m".repeat(random.int(1000, 20_000))}</Message></Error>`,
    () => "<Error/>",
    () => "<Error><Code>Cut",
    () => "",
    () => "<html><body>Service Unavailable</body></html>",
    () => xml(),
  ];
  send(status, random.pick(bodies)(), random.pick(["application/xml", "text/html", ""]), headers);
}

/** Drops, duplicates or renames one element of the body, found by its start tag. */
function mutateElement(kind: ResponseKind, random: Random, xml: string): string {
  const tags = [...xml.matchAll(/<([A-Za-z][\w-]*)(\/?)>/g)];
  if (tags.length === 0) return xml;
  const tag = random.pick(tags);
  const start = tag.index;
  const name = tag[1];
  const closing = `</${name}>`;
  const closeAt = tag[2] === "/" ? -1 : xml.indexOf(closing, start);
  const end = closeAt === -1 ? start + tag[0].length : closeAt + closing.length;
  const element = xml.slice(start, end);
  if (kind === "elementDropped") return xml.slice(0, start) + xml.slice(end);
  if (kind === "elementDuplicated") return xml.slice(0, end) + element.repeat(random.int(1, 3)) + xml.slice(end);
  const renamed = random.pick([
    "JobId",
    "Name",
    "JobsDetail",
    "Response",
    "Error",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "1bad",
    "x:y",
    `E${random.int(0, 9)}`,
  ]);
  if (random.chance(0.3)) return xml.slice(0, start) + `<${renamed}${tag[2]}>` + xml.slice(start + tag[0].length);
  return xml.slice(0, start) + element.split(`<${name}`).join(`<${renamed}`).split(closing).join(`</${renamed}>`) + xml.slice(end);
}

function insertAfter(xml: string, marker: string, text: string): string {
  const at = xml.indexOf(marker);
  return at === -1 ? text + xml : xml.slice(0, at + marker.length) + text + xml.slice(at + marker.length);
}
