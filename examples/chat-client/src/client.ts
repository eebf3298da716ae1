// The chat example's client side, for browsers and Node alike: the standard `WebSocket`, and
// the close codes of examples/app-codes.md through the module generated from it
// (`app-codes.ts`), so the client reads every close the way the Rust server meant it.
import { describe, isSendable } from "./app-codes.js";

/** What each session sends, in order, before the server closes it: examples/chat.rs's script. */
export const SESSIONS: readonly (readonly string[])[] = [
  ["hello", "/quit"],
  ["hello", "/ban 7"],
  ["this line is far longer than the sixty-four bytes the room allows per line"],
  ["/kick"],
];

/** Plays one session; resolves with the close, in words, once the server ends it. */
export function session(
  url: string,
  lines: readonly string[],
  log: (line: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.addEventListener("open", () => {
      for (const line of lines) {
        log(`sends ${JSON.stringify(line)}`);
        ws.send(line);
      }
    });
    ws.addEventListener("message", (event) => log(`server says ${JSON.stringify(event.data)}`));
    ws.addEventListener("error", () => reject(new Error(`no connection to ${url}`)));
    ws.addEventListener("close", (event) => resolve(explain(event.code, event.reason)));
  });
}

/** A close in words: the code's row in the table, its name, usage and range. */
export function explain(code: number, reason: string): string {
  const row = describe(code);
  if (row === undefined) {
    return `closed with ${code}, which the table does not cover (reason ${JSON.stringify(reason)})`;
  }
  const name = row.name ?? "unnamed";
  const range = row.start === row.end ? "" : ` (the range ${row.start}-${row.end})`;
  // The table's rules, checked on what arrives: a peer should never send such a code.
  const warning = isSendable(code) ? "" : " [a code no endpoint may send]";
  return `closed with ${code} = ${name}${range}: ${row.usage}, reason ${JSON.stringify(reason)}${warning}`;
}
