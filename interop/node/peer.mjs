// One peer of the interop suite, written against the WHATWG WebSocket interface (onopen,
// onclose, onerror, close(code, reason), readyState), so the same code runs in Chromium and
// Firefox (page.html), on undici's WebSocket and on ws, whose WebSocket class has the same
// interface (node.mjs). The server (interop/src) compares the report with close-codes.
//
// What it measures:
// - send: every attempt of the plan (each code 0-65535 with no reason, then the reason probes)
//   is a close(code, reason) call on an OPEN socket. A refusal is an exception; it must leave
//   the socket open, and the next attempt reuses it. An accepted call starts the closing
//   handshake, so the server records the frame that arrived on that connection and the next
//   attempt opens a new one. Every accepted code is thus seen on the wire.
// - closed (WHATWG peers): every code again on a CLOSED socket. The WHATWG close() checks the
//   code before the state, so the verdicts should be the same; this measures that they are.
// - recv: one connection per receive case; the server writes the case's Close frame first
//   thing and the peer records what the close and error events tell the application.

const OPEN = 1;
const CLOSED = 3;
// Every wait is bounded: a peer that never answers fails the run instead of hanging it.
const TIMEOUT_MS = 10_000;

/** Opens `url` and resolves with the open socket. */
function opened(WebSocket, url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const fail = (why) => {
      clearTimeout(timer);
      ws.onopen = ws.onclose = ws.onerror = null;
      reject(new Error(`${url}: ${why}`));
    };
    const timer = setTimeout(() => fail('no open event'), TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(timer);
      ws.onopen = ws.onclose = ws.onerror = null;
      resolve(ws);
    };
    ws.onerror = () => fail('error before open');
    ws.onclose = () => fail('closed before open');
  });
}

/** Resolves once `ws` is CLOSED, or rejects after the timeout. */
function closed(ws) {
  if (ws.readyState === CLOSED) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no close event')), TIMEOUT_MS);
    ws.onclose = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

/** Error names by first appearance; an attempt refused with the i-th is reported as -(i + 1). */
class Errors {
  constructor() {
    this.names = [];
    this.samples = [];
  }

  code(error) {
    const name = (error && error.name) || String(error);
    let index = this.names.indexOf(name);
    if (index < 0) {
      index = this.names.push(name) - 1;
      this.samples.push(String((error && error.message) || error));
    }
    return -(index + 1);
  }
}

/**
 * The send sweep: one result per attempt, the connection number it went out on (>= 0) or the
 * refusal's error code (< 0).
 */
async function sweep(WebSocket, base, peer, attempts, errors) {
  const url = (conn) => `${base}/ws/send/${peer}/${conn}`;
  const results = [];
  let conn = 0;
  let refusalsThatClosed = 0;
  let ws = await opened(WebSocket, url(conn));
  for (const [code, reason] of attempts) {
    try {
      if (reason === undefined) ws.close(code);
      else ws.close(code, reason);
    } catch (error) {
      results.push(errors.code(error));
      if (ws.readyState !== OPEN) {
        // Not expected of any peer; counted, and the sweep goes on with an open socket.
        refusalsThatClosed += 1;
        conn += 1;
        ws = await opened(WebSocket, url(conn));
      }
      continue;
    }
    results.push(conn);
    await closed(ws);
    conn += 1;
    ws = await opened(WebSocket, url(conn));
  }
  // The last socket is closed with no code: not an attempt, and the server ignores its frame.
  ws.close();
  await closed(ws);
  return { results, refusalsThatClosed, closedSocket: ws };
}

/** Every code on a CLOSED socket: 0 where close() returned, the error code where it threw. */
function closedSweep(ws, codes, errors) {
  if (ws.readyState !== CLOSED) throw new Error('the socket for the closed sweep is not CLOSED');
  const results = [];
  for (let code = 0; code < codes; code += 1) {
    try {
      ws.close(code);
      results.push(0);
    } catch (error) {
      results.push(errors.code(error));
    }
  }
  return results;
}

/** What the application is told about receive case `url`. */
function received(WebSocket, url) {
  return new Promise((resolve) => {
    let error = null;
    let ws;
    const timer = setTimeout(() => {
      resolve({ timeout: true, failed: true, detail: 'no close event' });
      ws.onclose = ws.onerror = null;
      ws.close();
    }, TIMEOUT_MS);
    try {
      ws = new WebSocket(url);
    } catch (thrown) {
      clearTimeout(timer);
      resolve({ failed: true, detail: `constructor threw: ${thrown}` });
      return;
    }
    ws.onerror = (event) => {
      error = (event && event.message) || 'error event';
    };
    ws.onclose = (event) => {
      clearTimeout(timer);
      // The application is told the connection failed when an error event fired or the close
      // was not clean; what it is told otherwise is the code and reason.
      const failed = error !== null || !event.wasClean;
      const detail = `wasClean=${event.wasClean}${error === null ? '' : `, error: ${error}`}`;
      resolve({ code: event.code, reason: event.reason, failed, detail });
    };
  });
}

/**
 * Runs the plan from /plan.json on `WebSocket` (a WHATWG-style class) against the server at
 * `base` (ws://127.0.0.1:PORT) and returns the report the server reads.
 */
export async function measure({ WebSocket, base, peer, plan, withClosedSweep }) {
  const errors = new Errors();
  const attempts = [];
  for (let code = 0; code < plan.codes; code += 1) attempts.push([code, undefined]);
  for (const [code, reason] of plan.reasons) attempts.push([code, reason]);

  const sent = await sweep(WebSocket, base, peer, attempts, errors);
  const closedResults = withClosedSweep ? closedSweep(sent.closedSocket, plan.codes, errors) : null;
  const recv = [];
  for (let index = 0; index < plan.cases; index += 1) {
    recv.push(await received(WebSocket, `${base}/ws/recv/${peer}/${index}`));
  }
  return {
    attempts: sent.results,
    errors: errors.names,
    errorSamples: errors.samples,
    refusalsThatClosed: sent.refusalsThatClosed,
    closedSweep: closedResults,
    recv,
  };
}
