// A pass-through in front of the real server, so tests can see the states that only exist while a
// request is in flight or failing: `hold` parks matching requests (the loading state stays up until
// `release`), `down` cuts every connection like an unreachable shop (offline banner, error state),
// `dropResponse` lets the server do the work and then cuts the reply (a timeout after the fact).
// It never answers for the server: every request that is let through reaches the real API unchanged.
import http from "node:http";
import type { AddressInfo } from "node:net";

// renderRouter turns on Jest's fake timers; the gate waits on real ones, taken before that.
const realSetTimeout = globalThis.setTimeout;

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface Gate {
  url: string;
  /** Every request the app made, in order. */
  seen: SeenRequest[];
  hold: (pattern: RegExp) => void;
  /** Lets the parked requests through (or cuts them with `fail`) and stops parking. */
  release: (opts?: { fail?: boolean }) => void;
  down: () => void;
  up: () => void;
  /** How many requests are parked by `hold`. */
  heldCount: () => number;
  /** The requests let through that still wait for the server's answer. */
  pending: () => string[];
  /** Resolves once no request that was let through is still waiting for the server's answer. */
  settled: () => Promise<void>;
  /** The next request matching `pattern` reaches the server, but its answer never reaches the app. */
  dropResponse: (pattern: RegExp) => void;
  close: () => Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
  const upstream = new URL(target);
  let isDown = false;
  let holdPattern: RegExp | null = null;
  let dropPattern: RegExp | null = null;
  let held: { go: () => void; cut: () => void }[] = [];
  const seen: SeenRequest[] = [];
  let inFlight = 0;
  const open = new Set<string>();

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, drop: boolean) => {
    inFlight += 1;
    const tag = `${req.method} ${req.url}`;
    open.add(tag);
    let done = false;
    const finish = () => {
      if (!done) {
        inFlight -= 1;
        open.delete(tag);
      }
      done = true;
    };
    res.on("close", finish);
    req.socket.on("close", finish);
    const up = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        if (drop) {
          answer.resume();
          answer.on("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on("error", () => req.socket.destroy());
    req.pipe(up);
  };

  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    if (isDown) {
      req.socket.destroy();
      return;
    }
    const path = req.url ?? "/";
    const drop = dropPattern !== null && dropPattern.test(`${req.method} ${path}`);
    if (drop) dropPattern = null;
    if (holdPattern && holdPattern.test(path)) {
      held.push({ go: () => forward(req, res, drop), cut: () => req.socket.destroy() });
      return;
    }
    forward(req, res, drop);
  });
  // No keep-alive: a connection cut by `down` must not be reused for the next request.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hold: (pattern) => {
      holdPattern = pattern;
    },
    release: ({ fail = false } = {}) => {
      holdPattern = null;
      const list = held;
      held = [];
      list.forEach((h) => (fail ? h.cut() : h.go()));
    },
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    pending: () => [...open],
    heldCount: () => held.length,
    settled: async () => {
      const deadline = Date.now() + 10_000;
      while (inFlight > 0) {
        if (Date.now() > deadline) throw new Error(`still waiting for ${[...open].join(", ")}`);
        await new Promise((r) => realSetTimeout(r, 20));
      }
    },
    dropResponse: (pattern) => {
      dropPattern = pattern;
    },
    close: () =>
      new Promise<void>((resolve) => {
        held.forEach((h) => h.cut());
        held = [];
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
