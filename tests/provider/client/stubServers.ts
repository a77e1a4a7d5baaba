/**
 * Small servers that misbehave in ways the emulator does not: answers that are not XML, answers
 * that never come, connections reset before a request is read. They listen on loopback only.
 * Also an undici agent that records what it is asked to send.
 */
import { once } from "node:events";
import { createServer as createHttpServer, type RequestListener } from "node:http";
import { connect, createServer as createNetServer, type AddressInfo, type Server, type Socket } from "node:net";
import { Agent, type Dispatcher } from "undici";

/** An undici agent that records `<METHOD> <path?query>` of every request dispatched through it. */
export class RecordingAgent extends Agent {
  readonly dispatched: string[] = [];

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.dispatched.push(`${options.method} ${options.path}`);
    return super.dispatch(options, handler);
  }
}

/** A started stub. */
export interface StubServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Requests (for the HTTP stub) or connections (for the proxy) received so far. */
  readonly received: number;
  /** Connections currently open on the server side. */
  readonly openConnections: number;
  /** Resolves once every connection open now has closed. */
  connectionsClosed(): Promise<void>;
  /** Stops listening and drops open connections. Bound: pass it on as it is. */
  readonly close: () => Promise<void>;
}

async function listen(server: Server, counter: () => number): Promise<StubServer> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return counter();
    },
    get openConnections() {
      return sockets.size;
    },
    connectionsClosed: () =>
      Promise.all([...sockets].filter((socket) => !socket.closed).map((socket) => once(socket, "close"))).then(() => undefined),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server answering every request with `handler`. */
export function startHttpStub(handler: RequestListener): Promise<StubServer> {
  let received = 0;
  const server = createHttpServer((request, response) => {
    received += 1;
    handler(request, response);
  });
  // Idle connections stay open until a client closes them, so tests see who closed what.
  server.keepAliveTimeout = 0;
  return listen(server, () => received);
}

/**
 * A TCP proxy to `targetPort` on loopback that resets (RST) each of the first `resets` connections
 * as soon as a request arrives on it, before anything reaches the target.
 */
export function startResetProxy(targetPort: number, resets: number): Promise<StubServer> {
  let received = 0;
  let remaining = resets;
  const server = createNetServer((socket) => {
    received += 1;
    socket.on("error", () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      if (remaining > 0) {
        remaining -= 1;
        socket.resetAndDestroy();
        return;
      }
      const upstream = connect(targetPort, "127.0.0.1", () => {
        upstream.write(first);
        socket.pipe(upstream);
        upstream.pipe(socket);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("close", () => upstream.destroy());
    });
  });
  return listen(server, () => received);
}
