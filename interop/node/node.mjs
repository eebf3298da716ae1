// The Node peers of the interop suite: `node node.mjs ws|undici http://127.0.0.1:PORT`.
// Runs peer.mjs on that library's WebSocket class and posts the report to the server; the
// server (interop/src) starts this process and kills it if it outlives its time.
import { readFileSync } from 'node:fs';

import { measure } from './peer.mjs';

const [library, base] = process.argv.slice(2);
const classes = {
  ws: async () => (await import('ws')).WebSocket,
  undici: async () => (await import('undici')).WebSocket,
};
if (!(library in classes) || !base) {
  console.error('usage: node node.mjs ws|undici http://127.0.0.1:PORT');
  process.exit(2);
}

const manifest = new URL(`./node_modules/${library}/package.json`, import.meta.url);
const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
const post = (body) => fetch(`${base}/report/${library}`, { method: 'POST', body });

try {
  const plan = await (await fetch(`${base}/plan.json`)).json();
  const WebSocket = await classes[library]();
  // undici implements the WHATWG interface, so it gets the closed-socket sweep the browsers
  // get; ws checks the state first by design (its close() on a CLOSED socket returns).
  const report = await measure({
    WebSocket,
    base: base.replace(/^http/, 'ws'),
    peer: library,
    plan,
    withClosedSweep: library === 'undici',
  });
  await post(JSON.stringify({ ...report, version: `${library} ${version}` }));
} catch (error) {
  await post(JSON.stringify({ fatal: String((error && error.stack) || error) }));
  process.exitCode = 1;
}
