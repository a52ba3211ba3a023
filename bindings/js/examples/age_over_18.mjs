// The main flow of the JavaScript package (README.md shows it): a commune issues a
// credential blindly, a clinic asks for "over 18", the wallet shows what the request reveals
// and answers, the clinic learns that the predicate holds. `node examples/age_over_18.mjs`
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const zkcred = createRequire(import.meta.url)("../pkg/node/zkcred_js.js"); // npm: require("zkcred")
const data = (f) => readFileSync(new URL(`../../../crates/cli/data/${f}`, import.meta.url), "utf8");
const schema = data("identity.schema.json");
const { attributes } = JSON.parse(data("identity.attributes.json"));
const ageSpec = { version: 1, credentials: [{ label: "identity", schema: "vn.commune.identity",
  predicates: [{ attribute: "birth_date", predicate: { age_at_least: { years: 18, today: "today" } } }] }] };

// The commune issues a credential blindly to the citizen's wallet.
const commune = zkcred.newIssuer({ name: "UBND xã Mỹ Hòa Hưng", tier: "commune", jurisdiction: "VN-44" });
const wallet = zkcred.Wallet.create();
const request = wallet.requestIssuance(schema, commune.public);
const issued = zkcred.issue(commune.key, schema, request, { attributes, issued_on: "2026-01-01", expires_on: "2030-12-31" });
wallet.acceptCredential(issued, schema, commune.public);
// The clinic asks for "over 18"; its Groth16 keys are made with the request.
const clinic = zkcred.newVerifier({ id: "clinic", name: "Phòng khám" });
const { signedRequest, keys } = zkcred.makeRequest(clinic.key, ageSpec, [schema]);
// The wallet checks the request, shows what it reveals, and answers.
const verifiers = zkcred.verifierRegistry([clinic.public]);
console.log(wallet.describeRequest(signedRequest, verifiers).lines.join("\n"));
const presentation = wallet.present(signedRequest, verifiers, keys);
// The clinic learns that the predicate holds, and nothing else.
const [{ schema_id }] = wallet.listCredentials();
const registry = zkcred.trustRegistry([{ issuer: commune.public, schemas: [schema_id] }]);
const result = new zkcred.Verifier(clinic.public, registry, [schema], keys).verify(signedRequest, presentation);
console.log(result.predicates_held.map((p) => p.holds).join("\n"));
