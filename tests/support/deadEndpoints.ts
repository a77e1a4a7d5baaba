/**
 * Endpoints that fail the way real networks do: a black hole that accepts connections and never
 * answers, and a loopback port nothing listens on. Both on 127.0.0.1 only.
 */
import { once } from "node:events";
import { createServer, type AddressInfo, type Socket } from "node:net";

/** A started black hole. */
export interface BlackHole {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Settles once the first connection arrives. */
  readonly connected: Promise<void>;
  /** Drops every connection and stops listening. */
  readonly close: () => Promise<void>;
}

/** Starts a TCP server that accepts connections, reads nothing back and never answers. */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let onFirst: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onFirst = resolve));
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    onFirst();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => accepted,
    connected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (one just freed; nothing else on this machine binds it meanwhile). */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
