// `node bindings/js/bench/node.mjs [runs]`: the age presentation through the package in Node.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { benchAge } from "./age-flow.mjs";

const require = createRequire(import.meta.url);
const zkcred = require("../pkg/node/zkcred_js.js");
const schema = readFileSync(new URL("../../../crates/cli/data/identity.schema.json", import.meta.url), "utf8");
const runs = Number(process.argv[2] ?? 20);
console.log(JSON.stringify({ host: `node ${process.version}`, ...benchAge(zkcred, schema, runs) }));
