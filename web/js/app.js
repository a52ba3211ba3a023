// The page: create or unlock the wallet, list credentials, get one (blind issuance), answer
// requests (consent first), settings. The open wallet (a zkcred.Wallet: its secrets in the
// package's WebAssembly memory, read and checked once at unlock) and the vault's key live
// only in this module's memory; every change is sealed and stored at once.
import init, * as zkcred from '../pkg/zkcred_js.js';
import { Vault } from './vault.js';
import * as storage from './storage.js';
import { $, show, busy, setStatus, wireFileInputs, offerDownload } from './dom.js';
import { renderCredentials } from './credentials.js';
import { renderConsent } from './consent.js';
import { loadRequest, answer } from './request.js';
import { hasCamera, decodeImage, scanCamera } from './qr.js';

let wallet = null; // the open zkcred.Wallet (secret)
let vault = null; // seals it under the holder's passphrase
let loaded = null; // the checked request on the consent screen

// A link to this page with ?request_uri=: answered once the wallet is open.
let linked = new URLSearchParams(location.search).has('request_uri') ? location.href : null;
if (linked) history.replaceState(null, '', location.pathname);

// Seals and stores the open wallet after a change.
async function save() {
  storage.saveSealedWallet(await vault.seal(wallet.text()));
}

function enter() {
  for (const id of ['setup-passphrase', 'setup-confirm', 'unlock-passphrase']) $(id).value = '';
  $('lock').hidden = false;
  renderCredentials(wallet.listCredentials());
  renderSettings();
  show('wallet');
}

// The request of the link the page was opened with, once the wallet is open.
function openLinked() {
  const link = linked;
  linked = null;
  if (wallet && link) openRequest(link);
}

function renderSettings() {
  const { verifiers, issuers } = storage.settings();
  $('verifiers').value = verifiers ?? '';
  $('issuers').value = issuers ?? '';
  const names = verifiers ? JSON.parse(verifiers).verifiers.map((v) => `${v.name} (${v.id})`) : [];
  $('verifiers-summary').textContent = names.length
    ? `The wallet answers: ${names.join(', ')}.`
    : 'No trusted verifiers yet: the wallet answers no request.';
}

// A registry pasted in settings: its text if it reads as a registry of `field`, null if empty.
function registryText(id, field) {
  const text = $(id).value.trim();
  if (!text) return null;
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${$(id).labels[0].textContent}: not JSON`);
  }
  if (doc.version !== 1 || !Array.isArray(doc[field])) {
    throw new Error(`${$(id).labels[0].textContent}: not a registry (version 1, "${field}")`);
  }
  return text;
}

async function openRequest(link) {
  loaded = null;
  const checked = await busy('Checking the request…', async () => {
    try {
      return await loadRequest(wallet, storage.settings(), link);
    } catch (e) {
      $('refused-reason').textContent = e.message;
      show('refused');
      return null;
    }
  });
  if (!checked) return;
  loaded = checked;
  renderConsent(loaded.consent);
  show('consent');
}

function on(id, event, handler) {
  $(id).addEventListener(event, (ev) => {
    if (event === 'submit') ev.preventDefault();
    handler();
  });
}

on('setup-form', 'submit', async () => {
  await busy('Creating your wallet…', async () => {
    const passphrase = $('setup-passphrase').value;
    if (passphrase !== $('setup-confirm').value) throw new Error('The two passphrases differ.');
    vault = await Vault.create(passphrase);
    wallet = zkcred.Wallet.create();
    await save();
    enter();
  }, 'setup-error');
  openLinked();
});

on('unlock-form', 'submit', async () => {
  await busy('Unlocking…', async () => {
    try {
      let text;
      ({ vault, wallet: text } = await Vault.open(storage.sealedWallet(), $('unlock-passphrase').value));
      wallet = zkcred.Wallet.open(text);
    } catch (e) {
      throw new Error(e.code === 'wrong_passphrase' ? 'Wrong passphrase: the wallet stays locked.' : e.message);
    }
    enter();
  }, 'unlock-error');
  openLinked();
});

on('lock', 'click', () => {
  wallet?.free(); // wipes the secrets in WebAssembly memory
  location.replace(location.pathname);
});

on('settings-save', 'click', () => busy('Saving…', async () => {
  storage.saveSettings({ verifiers: registryText('verifiers', 'verifiers'), issuers: registryText('issuers', 'issuers') });
  renderSettings();
  setStatus('Settings saved.');
}, 'settings-error'));

on('issuance-make', 'click', () => busy('Making the issuance request…', async () => {
  const schema = $('schema').value;
  const issuer = $('issuer-info').value;
  const request = wallet.requestIssuance(schema, issuer);
  await save();
  storage.saveSettings({ pending: [{ schema, issuer }, ...storage.settings().pending] });
  const text = JSON.stringify(request, null, 2);
  $('issuance-request').value = text;
  offerDownload($('issuance-download'), text);
  $('issuance-out').hidden = false;
}, 'issuance-error'));

// The issued credential answers one of the waiting issuance requests: the first whose
// schema and issuer accept it.
on('issued-add', 'click', () => busy('Checking the credential…', async () => {
  const { pending } = storage.settings();
  let reason = new Error('No issuance request is waiting: make one first.');
  for (const [i, p] of pending.entries()) {
    try {
      wallet.acceptCredential($('issued').value, p.schema, p.issuer);
    } catch (e) {
      reason = e;
      continue;
    }
    await save();
    storage.saveSettings({ pending: pending.filter((_, j) => j !== i) });
    renderCredentials(wallet.listCredentials());
    $('issued').value = '';
    setStatus('Credential added.');
    return;
  }
  throw reason;
}, 'issued-error'));

on('answer-form', 'submit', () => openRequest($('request-link').value));

on('consent-send', 'click', () => busy('Proving and sending your answer…', async () => {
  let outcome;
  try {
    outcome = await answer(wallet, storage.settings(), loaded);
  } catch (e) {
    outcome = { accepted: false, message: e.message };
  }
  loaded = null;
  $('outcome-title').textContent = outcome.accepted ? 'Answer sent' : 'The answer was not accepted';
  $('outcome-title').className = outcome.accepted ? 'good' : 'error';
  $('outcome-detail').textContent = outcome.message;
  show('outcome');
}));

on('consent-decline', 'click', () => {
  loaded = null;
  show('wallet');
  setStatus('Declined: nothing was sent.');
});

for (const b of document.querySelectorAll('button.back')) b.addEventListener('click', () => show('wallet'));

on('qr-file', 'change', () => busy('Reading the QR code…', async () => {
  const text = await decodeImage($('qr-file').files[0]);
  $('qr-file').value = '';
  $('request-link').value = text;
  await openRequest(text);
}, 'answer-error'));

on('qr-camera', 'click', () => busy('Looking for a QR code…', async () => {
  const text = await scanCamera($('qr-video'));
  $('request-link').value = text;
  await openRequest(text);
}, 'answer-error'));

wireFileInputs();
$('qr-camera').hidden = !hasCamera();
try {
  await init();
  show(storage.sealedWallet() ? 'unlock' : 'setup');
} catch (e) {
  setStatus(`The wallet could not load (${e.message}): reload the page.`);
}
