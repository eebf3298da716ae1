// Compares a classifier with the Rust type's answers for all 65,536 codes.
//
//   node compare.mjs EXPECTED.json ts MODULE.js     the generated TypeScript, compiled
//   node compare.mjs EXPECTED.json json TABLE.json  the generated JSON, read as any reader would
//
// EXPECTED.json (written by tests/typescript.rs): `rows`, each [name, usage, start, end,
// httpStatus], and `codes`, two numbers per code: flags (1 sendable, 2 reserved, 4 browser
// closable) and the index of its row, or -1 for a code no row covers.
// Prints one line of counts; exits 1 when any code differs.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [expectedPath, kind, path] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
const classifier = kind === "ts" ? await import(pathToFileURL(path).href) : fromJson(path);

/** The rules and rows of a JSON table, from its segments: what a reader in another language does. */
function fromJson(path) {
  const table = JSON.parse(readFileSync(path, "utf8"));
  const owner = new Int32Array(65536).fill(-1);
  for (const { start, end, row } of table.segments) owner.fill(row, start, end + 1);
  const rowOf = (code) => (Number.isInteger(code) && code >= 0 && code < 65536 ? table.rows[owner[code]] : undefined);
  return {
    isSendable: (code) => rowOf(code)?.sendable ?? false,
    isReserved: (code) => rowOf(code)?.reserved ?? false,
    describe(code) {
      const row = rowOf(code);
      return row && { name: row.name ?? undefined, usage: row.usage, start: row.start, end: row.end, httpStatus: row.http_status ?? undefined };
    },
  };
}

/** What `classifier` says about `code`, in the expected file's terms. */
function answer(code) {
  let flags = (classifier.isSendable(code) ? 1 : 0) | (classifier.isReserved(code) ? 2 : 0);
  if (classifier.isBrowserClosable?.(code)) flags |= 4;
  const row = classifier.describe(code);
  const described = row === undefined ? null : [row.name ?? null, row.usage, row.start, row.end, row.httpStatus ?? null];
  return { flags, described };
}

const browser = typeof classifier.isBrowserClosable === "function";
if (kind === "ts" && !browser) throw new Error(`${path} has no isBrowserClosable`);
let agree = 0;
const differ = [];
for (let code = 0; code < 65536; code++) {
  const flags = expected.codes[2 * code] & (browser ? 7 : 3);
  const index = expected.codes[2 * code + 1];
  const want = { flags, described: index < 0 ? null : expected.rows[index] };
  const got = answer(code);
  if (JSON.stringify(got) === JSON.stringify(want)) agree++;
  else differ.push(`${code}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}
// Numbers that are not codes: every rule says no, and no row describes them.
for (const notACode of [-1, 65536, 1000.5, NaN, Infinity, -0.5]) {
  const got = answer(notACode);
  if (got.flags !== 0 || got.described !== null) differ.push(`${notACode}: got ${JSON.stringify(got)}`);
}
console.log(`${path}: ${agree} of 65536 codes agree with Rust, ${differ.length} differ`);
for (const line of differ.slice(0, 10)) console.log(`  ${line}`);
process.exit(differ.length === 0 ? 0 : 1);
