// The test's world, made with the Node package: a commune (issuer), the gateway's verifier
// key, the registries, the gateway's files and config in a temp dir, and the real
// `zkcred-gateway` binary started on a free port (embedded store).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const root = new URL('../../', import.meta.url).pathname;
export const zkcred = createRequire(import.meta.url)(join(root, 'bindings/js/pkg/node/zkcred_js.js'));
export const API_KEY = 'e2e0'.repeat(16);
export const schema = readFileSync(join(root, 'crates/cli/data/identity.schema.json'), 'utf8');

// At least 18 today; the commune disclosed; the clinic's pseudonym.
const ageTemplate = {
  version: 1,
  credentials: [{
    label: 'identity',
    schema: 'vn.commune.identity',
    accepted_issuers: { tiers: ['commune'] },
    disclose: ['commune'],
    predicates: [{ attribute: 'birth_date', predicate: { age_at_least: { years: 18, today: 'today' } } }],
  }],
  pseudonym_scope: 'clinic-visits',
};

// The citizen's identity attributes (crates/cli/data/identity.attributes.json) for `issue`.
export const content = {
  attributes: JSON.parse(readFileSync(join(root, 'crates/cli/data/identity.attributes.json'), 'utf8')).attributes,
  issued_on: '2024-01-15',
  expires_on: '2034-01-14',
};

// The schema's id: of a credential issued to a throwaway wallet.
function schemaId(issuer) {
  const start = zkcred.requestIssuance(zkcred.newWallet(), schema, issuer.public);
  const issued = zkcred.issue(issuer.key, schema, start.request, content);
  const { wallet } = zkcred.acceptCredential(start.wallet, issued, schema, issuer.public);
  return zkcred.listCredentials(wallet)[0].schema_id;
}

export function makeWorld() {
  const commune = zkcred.newIssuer({ name: 'UBND xã Mỹ Hòa Hưng', tier: 'commune', jurisdiction: 'VN-44' });
  const clinic = zkcred.newVerifier({ id: 'clinic', name: 'Phòng khám Đa khoa', scopes: ['clinic-visits'] });
  const registry = zkcred.trustRegistry([{ issuer: commune.public, schemas: [schemaId(commune)] }]);
  const verifiers = zkcred.verifierRegistry([clinic.public]);
  const dir = mkdtempSync(join(tmpdir(), 'zkcred-web-e2e-'));
  mkdirSync(join(dir, 'schemas'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'verifier.key.json'), JSON.stringify(clinic.key), { mode: 0o600 });
  writeFileSync(join(dir, 'registry.json'), JSON.stringify(registry));
  writeFileSync(join(dir, 'schemas/identity.json'), schema);
  writeFileSync(join(dir, 'templates/age.json'), JSON.stringify(ageTemplate));
  const hash = createHash('sha256').update(API_KEY).digest('hex');
  writeFileSync(join(dir, 'gateway.toml'), [
    'listen = "127.0.0.1:0"',
    `verifier_key = "${dir}/verifier.key.json"`,
    `key_set = "${dir}/keys.json"`,
    `trust_registry = "${dir}/registry.json"`,
    `schemas = "${dir}/schemas"`,
    `templates = "${dir}/templates"`,
    '', '[store]', 'backend = "embedded"', `path = "${dir}/state.redb"`,
    '', '[[service]]', 'id = "clinic"', `api_key_sha256 = "${hash}"`, '',
  ].join('\n'));
  return { dir, commune, clinic, registry, verifiers };
}

// Starts the gateway binary on the world's config: {url, stop} (stop resolves once it has
// exited). The first start makes the Groth16 key set (keys.json).
export function startGateway(dir) {
  const bin = process.env.ZKCRED_GATEWAY_BIN ?? join(root, 'target/debug/zkcred-gateway');
  const child = spawn(bin, ['--config', join(dir, 'gateway.toml')], {
    env: { ...process.env, ZKCRED_GATEWAY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the gateway exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const url = line.replace('zkcred-gateway listening on ', '');
      if (!url.startsWith('http://')) reject(new Error(`unexpected first line: ${line}`));
      const exited = new Promise((done) => child.once('exit', done));
      resolve({ url, stop: () => child.kill('SIGTERM') && exited });
    });
  });
}

// POST /v1/sessions of template `template` as the clinic: the SessionCreated JSON.
export async function createSession(gateway, template) {
  const r = await fetch(`${gateway}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ template }),
  });
  if (r.status !== 201) throw new Error(`session: ${r.status} ${await r.text()}`);
  return r.json();
}
