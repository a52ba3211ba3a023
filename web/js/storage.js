// What the wallet keeps in the browser (localStorage of the wallet's origin): the sealed
// wallet (vault.js; the only copy of the holder's secrets, never stored in clear) and the
// settings, which hold only public documents: the verifier registry, the trust registry,
// and the schema and issuer of each issuance asked and not yet received.

const SEALED = 'zkcred.sealed-wallet';
const SETTINGS = 'zkcred.settings';

export const sealedWallet = () => localStorage.getItem(SEALED);

export function saveSealedWallet(sealed) {
  localStorage.setItem(SEALED, sealed);
}

export function settings() {
  const saved = JSON.parse(localStorage.getItem(SETTINGS) || '{}');
  return { verifiers: null, issuers: null, pending: [], ...saved };
}

export function saveSettings(changes) {
  localStorage.setItem(SETTINGS, JSON.stringify({ ...settings(), ...changes }));
}
