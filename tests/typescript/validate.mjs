// Validates JSON files against a JSON Schema (draft 2020-12) with ajv.
//
//   node validate.mjs SCHEMA.json FILE.json...
//
// Prints one line per file; exits 1 when any file is invalid.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
let invalid = 0;
for (const file of files) {
  if (validate(JSON.parse(readFileSync(file, "utf8")))) {
    console.log(`${file}: valid`);
  } else {
    invalid++;
    console.log(`${file}: invalid`);
    for (const error of validate.errors) console.log(`  ${error.instancePath || "/"} ${error.message}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
