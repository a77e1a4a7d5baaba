/**
 * Loading undici's dispatchers, and only them, on the client's first request.
 */

/** The two undici dispatchers the client sends through. */
export interface UndiciDispatchers {
  Agent: typeof import("undici").Agent;
  RetryAgent: typeof import("undici").RetryAgent;
}

/**
 * undici's `Agent` and `RetryAgent` without the rest of the package. The package's index also loads
 * `fetch`, WebSocket, cookies, the cache stores and the mock agents: about half of what its loading
 * costs a cold process, and the provider's process is cold on every `pulumi refresh` and `destroy`
 * (docs/performance.md). undici 7 has no `exports` map, so its modules are reachable by path; the
 * index's one side effect the dispatchers need, the request API on `Dispatcher.prototype`, is
 * repeated here as the index does it. Should the layout change, the whole package is loaded instead.
 */
export function loadDispatchers(): UndiciDispatchers {
  try {
    const dispatchers: UndiciDispatchers = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path: undici exports no such entry point.
      Agent: require("undici/lib/dispatcher/agent") as UndiciDispatchers["Agent"],
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above.
      RetryAgent: require("undici/lib/dispatcher/retry-agent") as UndiciDispatchers["RetryAgent"],
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous, by path, as the index does it.
    Object.assign((require("undici/lib/dispatcher/dispatcher") as { prototype: object }).prototype, require("undici/lib/api") as object);
    return dispatchers;
  } catch {
    // A layout this code does not know: the package itself, whose index sets up the same.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same fallback, synchronous too.
    return require("undici") as typeof import("undici");
  }
}
