// The sealed wallet, with WebCrypto only: PBKDF2-HMAC-SHA256 (600 000 iterations, 16-byte
// salt) -> AES-256-GCM (12-byte nonce, additional data "zkcred/sealed-wallet/v1", the tag
// appended). The format of bindings/core/src/vault.rs (docs/FORMATS.md, "Sealed wallet"):
// the package's openWallet opens what this writes, and this opens what sealWallet writes.
// Runs in browsers and in Node >= 20 (globalThis.crypto).

const subtle = globalThis.crypto.subtle;
const AAD = new TextEncoder().encode('zkcred/sealed-wallet/v1');
export const ITERATIONS = 600000;
const MIN_ITERATIONS = 100000;
const MAX_ITERATIONS = 10000000;
const SALT_LEN = 16;
const NONCE_LEN = 12;
const TAG_LEN = 16;

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function unhex(text, what, len) {
  if (typeof text !== 'string' || text.length % 2 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw invalid(`sealed wallet: ${what} is not hex`);
  }
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(2 * i, 2), 16);
  if (len !== undefined && bytes.length !== len) {
    throw invalid(`sealed wallet: ${what} has ${bytes.length} bytes, expected ${len}`);
  }
  return bytes;
}

function error(code, message) {
  const e = new Error(message);
  e.code = code;
  return e;
}

const invalid = (message) => error('invalid_input', message);

async function deriveKey(passphrase, salt, iterations) {
  if (!passphrase) throw invalid('the passphrase is empty');
  const base = await subtle.importKey(
    'raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

// A passphrase's key (non-extractable) and its salt: seals the wallet after every change
// without keeping the passphrase.
export class Vault {
  constructor(key, salt, iterations) {
    this.key = key;
    this.salt = salt;
    this.iterations = iterations;
  }

  // A new vault: a fresh salt.
  static async create(passphrase) {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_LEN));
    return new Vault(await deriveKey(passphrase, salt, ITERATIONS), salt, ITERATIONS);
  }

  // Opens a sealed wallet (its JSON text or object): {vault, wallet}, or an Error with code
  // "wrong_passphrase" (a wrong passphrase, or an altered file) or "invalid_input".
  static async open(sealed, passphrase) {
    const s = typeof sealed === 'string' ? JSON.parse(sealed) : sealed;
    if (s.version !== 1) throw invalid(`sealed wallet: unsupported format version ${s.version}`);
    if (s.kdf !== 'pbkdf2-sha256' || s.cipher !== 'aes-256-gcm') {
      throw invalid('sealed wallet: unsupported algorithms (expected pbkdf2-sha256 / aes-256-gcm)');
    }
    if (!Number.isInteger(s.iterations) || s.iterations < MIN_ITERATIONS || s.iterations > MAX_ITERATIONS) {
      throw invalid(`sealed wallet: ${s.iterations} PBKDF2 iterations, expected ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`);
    }
    const salt = unhex(s.salt, 'salt', SALT_LEN);
    const nonce = unhex(s.nonce, 'nonce', NONCE_LEN);
    const ciphertext = unhex(s.ciphertext, 'ciphertext');
    if (ciphertext.length < TAG_LEN) throw invalid('sealed wallet: the ciphertext is too short');
    const vault = new Vault(await deriveKey(passphrase, salt, s.iterations), salt, s.iterations);
    let plain;
    try {
      plain = await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: AAD }, vault.key, ciphertext);
    } catch {
      throw error('wrong_passphrase', 'the sealed wallet does not open: wrong passphrase, or the file was altered');
    }
    return { vault, wallet: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
  }

  // Seals a wallet (its JSON text) with a fresh nonce: the sealed wallet's JSON text.
  async seal(wallet) {
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_LEN));
    const ciphertext = await subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: AAD }, this.key, new TextEncoder().encode(wallet));
    return JSON.stringify({
      version: 1,
      kdf: 'pbkdf2-sha256',
      iterations: this.iterations,
      salt: hex(this.salt),
      cipher: 'aes-256-gcm',
      nonce: hex(nonce),
      ciphertext: hex(new Uint8Array(ciphertext)),
    }, null, 2);
  }
}
