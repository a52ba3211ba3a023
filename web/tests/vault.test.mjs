// web/js/vault.js (WebCrypto) and the package's sealWallet/openWallet read each other's
// sealed wallets; a wrong passphrase opens neither. Run: node --test web/tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Vault } from '../js/vault.js';

const zkcred = createRequire(import.meta.url)('../../bindings/js/pkg/node/zkcred_js.js');
const PASSPHRASE = 'mật khẩu dài của Mai';

test('the package opens what vault.js seals', async () => {
  const wallet = zkcred.newWallet();
  const sealed = await (await Vault.create(PASSPHRASE)).seal(wallet);
  const fields = Object.keys(JSON.parse(sealed));
  assert.deepEqual(fields, ['version', 'kdf', 'iterations', 'salt', 'cipher', 'nonce', 'ciphertext']);
  assert.equal(JSON.parse(sealed).iterations, 600000);
  assert.ok(!sealed.includes('holder_secret'));
  assert.equal(zkcred.openWallet(sealed, PASSPHRASE), wallet);
  assert.throws(() => zkcred.openWallet(sealed, 'mat khau dai cua Mai'), { code: 'wrong_passphrase' });
});

test('vault.js opens what the package seals, and seals again under the same key', async () => {
  const wallet = zkcred.newWallet();
  const sealed = zkcred.sealWallet(wallet, PASSPHRASE);
  const opened = await Vault.open(JSON.stringify(sealed), PASSPHRASE);
  assert.equal(opened.wallet, wallet);
  const again = await opened.vault.seal(wallet);
  assert.notEqual(JSON.parse(again).nonce, sealed.nonce);
  assert.equal(JSON.parse(again).salt, sealed.salt);
  assert.equal(zkcred.openWallet(again, PASSPHRASE), wallet);
  await assert.rejects(Vault.open(sealed, 'wrong'), { code: 'wrong_passphrase' });
});

test('an altered or malformed sealed wallet does not open', async () => {
  const sealed = JSON.parse(await (await Vault.create(PASSPHRASE)).seal('{"version": 1}'));
  const last = sealed.ciphertext.slice(-1) === '0' ? '1' : '0';
  const flipped = { ...sealed, ciphertext: sealed.ciphertext.slice(0, -1) + last };
  await assert.rejects(Vault.open(flipped, PASSPHRASE), { code: 'wrong_passphrase' });
  await assert.rejects(Vault.open({ ...sealed, iterations: 4000000000 }, PASSPHRASE), { code: 'invalid_input' });
  await assert.rejects(Vault.open({ ...sealed, salt: 'abcd' }, PASSPHRASE), { code: 'invalid_input' });
});
