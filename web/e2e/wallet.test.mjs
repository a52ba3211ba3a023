// The web wallet end to end: the real gateway (target/debug/zkcred-gateway) on one origin,
// the wallet's static files on another, the wallet in headless Chromium. The holder creates
// a wallet, trusts the clinic, gets a credential by blind issuance, answers the clinic's
// session after consent; the clinic learns "age at least 18" and not the birth date. A
// tampered request and one of an unlisted verifier are refused with the reason, and nothing
// is posted. After a reload the wallet opens only under its passphrase. Run: ./run.sh
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { content, createSession, makeWorld, root, schema, startGateway, zkcred, API_KEY } from './world.mjs';
import { serveFake, serveStatic } from './servers.mjs';

const PASSPHRASE = 'Mật khẩu của Mai 2026';
const SLOW = { timeout: 180000 }; // proving in WebAssembly on a small CI machine

let world, gateway, web, browser, page;
const pageErrors = [];

before(async () => {
  world = makeWorld();
  gateway = await startGateway(world.dir);
  web = await serveStatic(join(root, 'web'));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`page: ${m.text()}`));
});

after(async () => {
  await browser?.close();
  web?.close();
  await gateway?.stop();
  if (world) rmSync(world.dir, { recursive: true, force: true });
});

const text = (id) => page.locator(`#${id}`).innerText();
const visible = (id, options) => page.locator(`#${id}`).waitFor({ state: 'visible', ...options });

test('a new wallet gets a credential and answers the clinic after consent', SLOW, async () => {
  await page.goto(`${web.url}/index.html`);
  await visible('setup');
  await page.fill('#setup-passphrase', PASSPHRASE);
  await page.fill('#setup-confirm', PASSPHRASE);
  await page.click('#setup-create');
  await visible('wallet');

  await page.fill('#verifiers', JSON.stringify(world.verifiers));
  await page.click('#settings-save');
  assert.match(await text('verifiers-summary'), /Phòng khám Đa khoa \(clinic\)/);

  // Blind issuance: the wallet's request out, the commune's credential in.
  await page.fill('#issuer-info', JSON.stringify(world.commune.public));
  await page.fill('#schema', schema);
  await page.click('#issuance-make');
  await visible('issuance-out');
  const request = await page.inputValue('#issuance-request');
  const issued = zkcred.issue(world.commune.key, schema, request, content);
  await page.fill('#issued', JSON.stringify(issued));
  await page.click('#issued-add');
  const card = page.locator('[data-testid=credential]');
  await card.waitFor();
  const shown = await card.innerText();
  for (const s of ['vn.commune.identity', 'UBND xã Mỹ Hòa Hưng', 'Nguyễn Thị Mai', '2001-04-02', '2034-01-14']) {
    assert.ok(shown.includes(s), `${s} in ${shown}`);
  }

  // Only the sealed wallet is stored, and the package opens it.
  const stored = await page.evaluate(() => ({ ...localStorage }));
  const all = JSON.stringify(stored);
  assert.ok(!all.includes('holder_secret') && !all.includes('Nguyễn'), 'nothing in clear');
  const sealed = stored['zkcred.sealed-wallet'];
  assert.equal(JSON.parse(sealed).iterations, 600000);
  assert.equal(zkcred.listCredentials(zkcred.openWallet(sealed, PASSPHRASE))[0].attributes.full_name, 'Nguyễn Thị Mai');

  // The clinic's session, opened from a link to the wallet: unlock, then consent.
  const session = await createSession(gateway.url, 'age');
  await page.goto(`${web.url}/index.html?request_uri=${encodeURIComponent(session.request_uri)}`);
  await visible('unlock');
  await page.fill('#unlock-passphrase', PASSPHRASE);
  await page.click('#unlock-open');
  await visible('consent', SLOW);
  assert.equal(await text('consent-verifier'), 'Phòng khám Đa khoa (clinic)');
  assert.match(await text('consent-proven-0'), /birth_date: age at least 18/);
  assert.match(await text('consent-disclosed-0'), /commune/);
  const hidden = await text('consent-hidden-0');
  assert.match(hidden, /birth_date/);
  assert.match(hidden, /full_name/);
  assert.match(await text('consent-pseudonym'), /clinic-visits/);
  // One credential: nothing to link, so no same-person line.
  assert.ok(await page.locator('#consent-same-holder').isHidden());
  assert.ok(await page.locator('#consent-send').isVisible());

  await page.click('#consent-send');
  await visible('outcome', SLOW);
  assert.equal(await text('outcome-title'), 'Answer sent');

  const r = await fetch(session.result_uri, { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(r.status, 200);
  const result = await r.json();
  assert.equal(result.status, 'verified');
  assert.ok(result.result.predicates_held.some((p) => /age at least 18/.test(p.holds)), JSON.stringify(result));
  const learned = JSON.stringify(result);
  assert.ok(!learned.includes('2001-04-02') && !learned.includes('Nguyễn'), learned);
  assert.match(learned, /my_hoa_hung/);
  assert.ok(result.pseudonym);
});

// Opens `link` from the answer form: the refusal's reason.
async function refusalOf(link) {
  const back = page.locator('.back:visible');
  if (await back.count()) await back.click();
  await visible('wallet');
  await page.fill('#request-link', link);
  await page.click('#answer-open');
  await visible('refused', SLOW);
  return text('refused-reason');
}

test('a tampered request and an unlisted verifier are refused, nothing posted', SLOW, async () => {
  // The clinic's real request object, its disclosure widened to the birth date, served
  // from a fake gateway (its URLs on the fake's origin).
  const real = await (await fetch((await createSession(gateway.url, 'age')).request_uri)).json();
  const signed = JSON.stringify(real.signed_request);
  const widened = signed.replace('"disclose":["commune"]', '"disclose":["birth_date"]');
  assert.notEqual(widened, signed);
  const tampered = await serveFake((origin) => ({
    ...real,
    signed_request: JSON.parse(widened),
    keys: real.keys.map((k) => ({ ...k, uri: `${origin}/keys/${k.digest}` })),
    response_uri: `${origin}/response`,
  }));
  const reason = await refusalOf(`openid4vp://?client_id=clinic&request_uri=${encodeURIComponent(`${tampered.url}/request`)}`);
  assert.match(reason, /tampered/);
  assert.deepEqual(tampered.seen, ['GET /request']);
  tampered.close();

  // A well-signed request of a verifier the wallet does not trust.
  const rogue = zkcred.newVerifier({ id: 'rogue', name: 'Phòng khám Giả', scopes: [] });
  const spec = {
    version: 1,
    credentials: [{ label: 'identity', schema: 'vn.commune.identity', accepted_issuers: { tiers: ['commune'] }, disclose: ['birth_date'] }],
  };
  // The gateway's key set has the circuits: no Groth16 setup here.
  const made = zkcred.makeRequest(rogue.key, spec, [schema], { keys: readFileSync(join(world.dir, 'keys.json'), 'utf8') });
  const unlisted = await serveFake((origin) => ({
    signed_request: made.signedRequest, keys: [], response_uri: `${origin}/response`,
  }));
  assert.match(await refusalOf(`${unlisted.url}/request`), /verifier 'rogue' is not in the verifier registry/);
  assert.deepEqual(unlisted.seen, ['GET /request']);
  unlisted.close();
});

test('after a reload the wallet opens only under its passphrase', SLOW, async () => {
  await page.reload();
  await visible('unlock');
  await page.fill('#unlock-passphrase', 'Mat khau cua Mai 2026');
  await page.click('#unlock-open');
  await page.locator('#unlock-error').filter({ hasText: 'Wrong passphrase' }).waitFor();
  assert.ok(!(await page.locator('#wallet').isVisible()));
  await page.fill('#unlock-passphrase', PASSPHRASE);
  await page.click('#unlock-open');
  await visible('wallet');
  assert.match(await page.locator('[data-testid=credential]').innerText(), /Nguyễn Thị Mai/);
  assert.deepEqual(pageErrors, []);
});

test("a session's QR code, from a photo, opens its consent screen", SLOW, async () => {
  const session = await createSession(gateway.url, 'age');
  const png = await QRCode.toBuffer(session.wallet_uri, { type: 'png', margin: 4, scale: 6 });
  await page.setInputFiles('#qr-file', { name: 'qr.png', mimeType: 'image/png', buffer: png });
  await visible('consent', SLOW);
  assert.equal(await text('consent-verifier'), 'Phòng khám Đa khoa (clinic)');
  await page.click('#consent-decline');
  await visible('wallet');
  const r = await fetch(session.result_uri, { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.notEqual((await r.json()).status, 'verified', 'declined: nothing was sent');
});
