// The client on Node: `node dist/main.js ws://127.0.0.1:9001/` (Node 20 and 21 need
// `--experimental-websocket` before `dist/main.js`). It plays the sessions one after the other,
// as the server expects them.
import { SESSIONS, session } from "./client.js";

// Node's own global, declared here rather than through @types/node: the rest is browser code.
declare const process: { readonly argv: readonly string[] };

if (typeof WebSocket === "undefined") {
  throw new Error("this Node has no WebSocket: run `node --experimental-websocket dist/main.js URL`");
}
const url = process.argv[2] ?? "ws://127.0.0.1:9001/";
for (const [number, lines] of SESSIONS.entries()) {
  const closed = await session(url, lines, (line) => console.log(`client ${number}: ${line}`));
  console.log(`client ${number}: ${closed}`);
}
