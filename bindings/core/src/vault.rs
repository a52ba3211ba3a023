//! Sealed wallets: a wallet document encrypted under a passphrase, in a format that the
//! browser's WebCrypto reads and writes with its own primitives (the web wallet does), so a
//! wallet sealed by one package opens in any other.
//!
//! key = PBKDF2-HMAC-SHA256(passphrase, salt, iterations, 32 bytes) (RFC 8018 §5.2);
//! ciphertext = AES-256-GCM(key, nonce, wallet JSON, aad = `zkcred/sealed-wallet/v1`)
//! (NIST SP 800-38D), the 16-byte tag appended. `docs/FORMATS.md`, "Sealed wallet".

use crate::error::{ApiError, ApiResult, ErrorKind};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;
use zkcred::credential::MAX_WALLET_BYTES;

/// The sealed wallet's format version.
pub const SEALED_VERSION: u64 = 1;
/// PBKDF2 iterations of a new seal (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// The fewest iterations a sealed wallet may name.
pub const MIN_ITERATIONS: u32 = 100_000;
/// The most iterations a sealed wallet may name: a file cannot make opening it cost more.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// The associated data bound by the tag: a sealed wallet of another kind does not open.
pub const AAD: &[u8] = b"zkcred/sealed-wallet/v1";
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// The JSON of a sealed wallet.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sealed {
    version: u64,
    kdf: String,
    iterations: u32,
    salt: String,
    cipher: String,
    nonce: String,
    ciphertext: String,
}

/// Seals `wallet` (its JSON document) under `passphrase`, with a fresh salt and nonce.
pub fn seal<R: RngCore + CryptoRng>(
    wallet: &str,
    passphrase: &str,
    rng: &mut R,
) -> ApiResult<String> {
    if passphrase.is_empty() {
        return Err(ApiError::invalid("the passphrase is empty"));
    }
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut nonce);
    let cipher = cipher(passphrase, &salt, ITERATIONS);
    let payload = Payload {
        msg: wallet.as_bytes(),
        aad: AAD,
    };
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), payload)
        .map_err(|_| ApiError::invalid("the wallet could not be sealed"))?;
    let sealed = Sealed {
        version: SEALED_VERSION,
        kdf: "pbkdf2-sha256".into(),
        iterations: ITERATIONS,
        salt: hex::encode(salt),
        cipher: "aes-256-gcm".into(),
        nonce: hex::encode(nonce),
        ciphertext: hex::encode(ciphertext),
    };
    serde_json::to_string_pretty(&sealed).map_err(|e| ApiError::invalid(e.to_string()))
}

/// Opens a sealed wallet: its JSON document, or [`ErrorKind::WrongPassphrase`] when the tag
/// does not verify (a wrong passphrase, or an altered file). The format is checked first,
/// and the iteration count bounded, before any key is derived.
pub fn open(sealed: &str, passphrase: &str) -> ApiResult<Zeroizing<String>> {
    let max = 2 * (MAX_WALLET_BYTES + TAG_LEN) + 1024;
    if sealed.len() > max {
        return Err(ApiError::invalid(format!(
            "sealed wallet: {} bytes is larger than the {max} bytes allowed",
            sealed.len()
        )));
    }
    let s: Sealed = serde_json::from_str(sealed).map_err(|e| {
        ApiError::invalid(format!(
            "sealed wallet: malformed JSON: {}",
            zkcred::credential::clip(&e.to_string())
        ))
    })?;
    check_header(&s)?;
    let salt = hex_field(&s.salt, "salt", Some(SALT_LEN))?;
    let nonce = hex_field(&s.nonce, "nonce", Some(NONCE_LEN))?;
    let ciphertext = hex_field(&s.ciphertext, "ciphertext", None)?;
    if ciphertext.len() < TAG_LEN {
        return Err(ApiError::invalid(
            "sealed wallet: the ciphertext is too short",
        ));
    }
    let payload = Payload {
        msg: &ciphertext,
        aad: AAD,
    };
    let plain = Zeroizing::new(
        cipher(passphrase, &salt, s.iterations)
            .decrypt(Nonce::from_slice(&nonce), payload)
            .map_err(|_| {
                ApiError::new(
                    ErrorKind::WrongPassphrase,
                    "the sealed wallet does not open: wrong passphrase, or the file was altered",
                )
            })?,
    );
    let text = std::str::from_utf8(&plain)
        .map_err(|_| ApiError::invalid("sealed wallet: the wallet inside is not UTF-8"))?;
    Ok(Zeroizing::new(text.to_owned()))
}

/// The version, algorithm names and iteration bounds of a sealed wallet.
fn check_header(s: &Sealed) -> ApiResult<()> {
    if s.version != SEALED_VERSION {
        return Err(ApiError::invalid(format!(
            "sealed wallet: unsupported format version {}",
            s.version
        )));
    }
    if s.kdf != "pbkdf2-sha256" || s.cipher != "aes-256-gcm" {
        return Err(ApiError::invalid(format!(
            "sealed wallet: unsupported algorithms {} / {} (expected pbkdf2-sha256 / aes-256-gcm)",
            zkcred::credential::clip(&s.kdf),
            zkcred::credential::clip(&s.cipher)
        )));
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&s.iterations) {
        return Err(ApiError::invalid(format!(
            "sealed wallet: {} PBKDF2 iterations, expected {MIN_ITERATIONS} to {MAX_ITERATIONS}",
            s.iterations
        )));
    }
    Ok(())
}

/// A hex field, of exactly `len` bytes if given.
fn hex_field(text: &str, what: &str, len: Option<usize>) -> ApiResult<Vec<u8>> {
    let bytes = hex::decode(text)
        .map_err(|e| ApiError::invalid(format!("sealed wallet: {what} is not hex: {e}")))?;
    match len {
        Some(n) if bytes.len() != n => Err(ApiError::invalid(format!(
            "sealed wallet: {what} has {} bytes, expected {n}",
            bytes.len()
        ))),
        _ => Ok(bytes),
    }
}

/// AES-256-GCM under the PBKDF2 key of `passphrase`; the key is wiped after use.
fn cipher(passphrase: &str, salt: &[u8], iterations: u32) -> Aes256Gcm {
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, key.as_mut());
    Aes256Gcm::new(key.as_ref().into())
}
