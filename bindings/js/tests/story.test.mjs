// The whole story through the JavaScript package, in Node: an issuer, a holder, a verifier;
// and what a deviating party or a careless caller does (a tampered request, a verifier not
// in the registry, a replay, an expired request, malformed JSON, a wrong passphrase).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const zkcred = require("../pkg/node/zkcred_js.js");
const data = new URL("../../../crates/cli/data/", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("identity.schema.json", data), "utf8"));
const NOW = new Date("2026-11-30T08:00:00Z");

const spec = {
  version: 1,
  credentials: [{
    label: "identity",
    schema: "vn.commune.identity",
    accepted_issuers: { tiers: ["commune"] },
    disclose: ["commune"],
    predicates: [{ attribute: "birth_date", predicate: { age_at_least: { years: 18, today: "today" } } }],
  }],
  pseudonym_scope: "clinic-visits",
};

/** Issuer, wallet with one credential, clinic, registries, a signed request and its keys. */
function world() {
  const commune = zkcred.newIssuer({ name: "UBND xã Mỹ Hòa Hưng", tier: "commune", jurisdiction: "VN-44" });
  let wallet = zkcred.newWallet();
  const start = zkcred.requestIssuance(wallet, schema, commune.public);
  const issued = zkcred.issue(commune.key, schema, start.request, {
    attributes: {
      full_name: { string: "Nguyễn Thị Mai" },
      birth_date: { date: "2001-04-02" },
      commune: { enumeration: "my_hoa_hung" },
    },
    issued_on: "2026-01-01",
    expires_on: "2030-12-31",
  });
  const accepted = zkcred.acceptCredential(start.wallet, issued, schema, commune.public);
  wallet = accepted.wallet;
  const [stored] = zkcred.listCredentials(wallet);
  const registry = zkcred.trustRegistry([{ issuer: commune.public, schemas: [stored.schema_id] }]);
  const clinic = zkcred.newVerifier({ id: "clinic", name: "Phòng khám", scopes: ["clinic-visits"] });
  const verifiers = zkcred.verifierRegistry([clinic.public]);
  const made = zkcred.makeRequest(clinic.key, spec, [schema], { now: NOW, validForSecs: 3600 });
  return { commune, wallet, accepted, stored, registry, clinic, verifiers, ...made };
}

const w = world();

function assertCode(fn, code, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "an Error");
    assert.equal(e.name, "ZkcredError");
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

test("issuer, holder and verifier: the verifier learns what it asked, nothing else", () => {
  assert.equal(w.accepted.credentialId, w.stored.id);
  assert.equal(w.stored.schema, "vn.commune.identity");
  assert.equal(w.stored.issuer.name, "UBND xã Mỹ Hòa Hưng");
  assert.equal(w.stored.attributes.birth_date, "2001-04-02");

  const consent = zkcred.describeRequest(w.wallet, w.signedRequest, w.verifiers, null, NOW);
  assert.equal(consent.verifier.name, "Phòng khám");
  const [c] = consent.credentials;
  assert.match(c.proven[0], /^birth_date: age at least 18 on 2026-11-30$/);
  assert.deepEqual(c.disclosed, ["commune"]);
  assert.deepEqual(c.hidden, ["full_name", "birth_date"]);
  assert.deepEqual(c.candidates, [w.stored.id]);
  assert.ok(consent.lines.some((l) => l.includes("pseudonym for scope 'clinic-visits'")));

  const presentation = zkcred.present(w.wallet, w.signedRequest, w.verifiers, w.keys, null, NOW);
  const verifier = new zkcred.Verifier(w.clinic.public, w.registry, [schema], w.keys);
  const result = verifier.verify(w.signedRequest, presentation, NOW);
  assert.equal(result.verified, true);
  assert.ok(result.predicates_held.some((p) => p.holds === "birth_date: age at least 18 on 2026-11-30"));
  assert.deepEqual(result.credentials.identity.disclosed, { commune: { enumeration: "my_hoa_hung" } });
  assert.equal(result.credentials.identity.issuer.name, "UBND xã Mỹ Hòa Hưng");
  assert.match(result.pseudonyms.identity, /^[0-9a-f]{96}$/);
  const text = JSON.stringify(result);
  assert.ok(!text.includes("2001-04-02") && !text.includes("Nguyễn"), text);

  // Documents may also be passed as their JSON text.
  const again = zkcred.present(w.wallet, JSON.stringify(w.signedRequest), JSON.stringify(w.verifiers), JSON.stringify(w.keys), undefined, NOW);
  // The first presentation's nonce is spent: the same request is not accepted twice.
  assertCode(() => verifier.verify(w.signedRequest, again, NOW), "presentation_rejected", /nonce/);
  assertCode(() => verifier.verify(w.signedRequest, presentation, NOW), "presentation_rejected", /nonce/);
});

test("a tampered request is refused before anything is shown or proven", () => {
  const tampered = structuredClone(w.signedRequest);
  tampered.request.credentials[0].disclose = ["birth_date"];
  assertCode(() => zkcred.describeRequest(w.wallet, tampered, w.verifiers, null, NOW), "request_refused", /tampered/);
  assertCode(() => zkcred.present(w.wallet, tampered, w.verifiers, w.keys, null, NOW), "request_refused", /tampered/);
});

test("a request of a verifier not in the registry is refused", () => {
  const rogue = zkcred.newVerifier({ id: "rogue", name: "Rogue", scopes: ["clinic-visits"] });
  const made = zkcred.makeRequest(rogue.key, spec, [schema], { now: NOW });
  assertCode(() => zkcred.present(w.wallet, made.signedRequest, w.verifiers, made.keys, null, NOW), "request_refused", /rogue/);
});

test("an expired request is refused, on the caller's clock", () => {
  const later = new Date("2026-11-30T10:00:00Z");
  assertCode(() => zkcred.present(w.wallet, w.signedRequest, w.verifiers, w.keys, null, later), "request_refused", /expired/);
  assertCode(() => zkcred.present(w.wallet, w.signedRequest, w.verifiers, w.keys, null, new Date(NaN)), "invalid_input");
});

test("malformed JSON is invalid input, with the library's one-line message", () => {
  for (const bad of ["", "{", "[]", '{"version": 1}', '{"version": 99}']) {
    assertCode(() => zkcred.listCredentials(bad), "invalid_input", /^wallet: /);
    assertCode(() => zkcred.requestIssuance(w.wallet, bad, w.commune.public), "invalid_input", /^schema: /);
  }
  assertCode(() => zkcred.present(w.wallet, w.signedRequest, w.verifiers, undefined, null, NOW), "invalid_input", /keys: missing/);
  const verifier = new zkcred.Verifier(w.clinic.public, w.registry, [schema], w.keys);
  assertCode(() => verifier.verify(w.signedRequest, "{", NOW), "presentation_rejected", /malformed JSON/);
});

test("a sealed wallet opens only under its passphrase", () => {
  const sealed = zkcred.sealWallet(w.wallet, "mật khẩu dài");
  assert.equal(sealed.kdf, "pbkdf2-sha256");
  assert.ok(!JSON.stringify(sealed).includes("holder_secret"));
  assert.equal(zkcred.openWallet(sealed, "mật khẩu dài"), w.wallet);
  assertCode(() => zkcred.openWallet(sealed, "mật khẩu dai"), "wrong_passphrase");
  assertCode(() => zkcred.openWallet({ ...sealed, iterations: 4e9 }, "mật khẩu dài"), "invalid_input", /iterations/);
  assertCode(() => zkcred.sealWallet(w.wallet, ""), "invalid_input", /empty/);
});

test("a gateway's request object may not point elsewhere", () => {
  const object = { signed_request: w.signedRequest, keys: [{ digest: "00", uri: "/v1/keys/00" }], response_uri: "/v1/responses/s1" };
  const read = zkcred.readRequestObject("https://gw.example/v1/requests/s1", object);
  assert.equal(read.responseUri, "https://gw.example/v1/responses/s1");
  assert.deepEqual(read.keys, [{ digest: "00", uri: "https://gw.example/v1/keys/00" }]);
  assert.deepEqual(read.signedRequest, w.signedRequest);
  const elsewhere = { ...object, response_uri: "https://evil.example/collect" };
  assertCode(() => zkcred.readRequestObject("https://gw.example/v1/requests/s1", elsewhere), "request_refused", /origin/);
  assertCode(() => zkcred.checkKey(w.keys, "00"), "request_refused");
});

test("a Wallet kept open: issuance, consent and answers without re-reading the wallet", () => {
  const held = zkcred.Wallet.create();
  const request = held.requestIssuance(schema, w.commune.public);
  const issued = zkcred.issue(w.commune.key, schema, request, {
    attributes: { full_name: { string: "Trần Văn Bình" }, birth_date: { date: "2010-06-01" }, commune: { enumeration: "my_binh" } },
    issued_on: "2026-01-01",
    expires_on: "2030-12-31",
  });
  const id = held.acceptCredential(issued, schema, w.commune.public);
  assert.deepEqual(held.listCredentials().map((c) => c.id), [id]);
  // Under 18: the wallet says so before proving anything.
  assertCode(() => held.present(w.signedRequest, w.verifiers, w.keys, null, NOW), "cannot_satisfy", /age at least 18/);

  const open = zkcred.Wallet.open(w.wallet);
  assert.equal(open.text(), w.wallet);
  assert.deepEqual(open.describeRequest(w.signedRequest, w.verifiers, null, NOW), zkcred.describeRequest(w.wallet, w.signedRequest, w.verifiers, null, NOW));
  const fresh = zkcred.makeRequest(w.clinic.key, spec, [schema], { now: NOW, keys: w.keys });
  const presentation = open.present(fresh.signedRequest, w.verifiers, fresh.keys, null, NOW);
  const verifier = new zkcred.Verifier(w.clinic.public, w.registry, [schema], fresh.keys);
  assert.equal(verifier.verify(fresh.signedRequest, presentation, NOW).verified, true);

  const sealed = open.seal("mật khẩu");
  assert.equal(zkcred.Wallet.openSealed(sealed, "mật khẩu").text(), w.wallet);
  assertCode(() => zkcred.Wallet.openSealed(sealed, "mat khau"), "wrong_passphrase");
  assertCode(() => zkcred.Wallet.open("{}"), "invalid_input", /^wallet: /);
  open.free();
  held.free();
});

test("the README's main flow is examples/age_over_18.mjs, and it runs", async () => {
  const { execFileSync } = await import("node:child_process");
  const example = readFileSync(new URL("../examples/age_over_18.mjs", import.meta.url), "utf8");
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = readme.split("```js\n")[1].split("```")[0];
  assert.ok(example.endsWith(block), "README.md's ```js block is the end of the example");
  const out = execFileSync(process.execPath, [new URL("../examples/age_over_18.mjs", import.meta.url).pathname], { encoding: "utf8" });
  assert.match(out, /^birth_date: age at least 18 on \d{4}-\d{2}-\d{2}$/m);
  assert.match(out, /It does not see full_name; birth_date; commune\./);
});

test("a listed verifier asking under another verifier's pseudonym scope is refused", () => {
  const lab = zkcred.newVerifier({ id: "lab", name: "Lab", scopes: ["lab-tests"] });
  const verifiers = zkcred.verifierRegistry([w.clinic.public, lab.public]);
  const made = zkcred.makeRequest(lab.key, spec, [schema], { now: NOW, keys: w.keys });
  assertCode(() => zkcred.describeRequest(w.wallet, made.signedRequest, verifiers, null, NOW), "request_refused", /clinic-visits/);
  assertCode(() => zkcred.present(w.wallet, made.signedRequest, verifiers, made.keys, null, NOW), "request_refused", /clinic-visits/);
});
