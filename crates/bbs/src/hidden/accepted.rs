//! The accepted issuer set of an issuer-hiding proof: (W_i, X_i) in the verifier's order.

use super::issuer_key::IssuerKey;
use super::membership::MAX_ACCEPTED_ISSUERS;
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::octets::{g2_to_bytes, i2osp8, G1_LEN, G2_LEN};
use crate::suite::Ciphersuite;

/// 1 to [`MAX_ACCEPTED_ISSUERS`] distinct issuer keys of one suite, in order. The order is
/// part of the statement: prover and verifier must use the same order.
#[derive(Clone, Debug)]
pub struct AcceptedIssuers {
    suite: Ciphersuite,
    keys: Vec<IssuerKey>,
    /// I2OSP(N, 8) || (W_i || X_i)_i, hashed into the challenge.
    encoding: Vec<u8>,
}

impl AcceptedIssuers {
    /// The set, its size checked first ([`Error::IssuerCount`]), then one suite
    /// ([`Error::SuiteMismatch`]) and no key twice ([`Error::DuplicateIssuer`]). The keys
    /// were checked when made ([`IssuerKey::new`]).
    pub fn new(keys: Vec<IssuerKey>) -> Result<Self> {
        if keys.is_empty() || keys.len() > MAX_ACCEPTED_ISSUERS {
            return Err(Error::IssuerCount {
                max: MAX_ACCEPTED_ISSUERS,
                got: keys.len(),
            });
        }
        let suite = keys[0].suite();
        if keys.iter().any(|k| k.suite() != suite) {
            return Err(Error::SuiteMismatch);
        }
        let mut encoding = Vec::with_capacity(8 + keys.len() * (G2_LEN + G1_LEN));
        encoding.extend_from_slice(&i2osp8(keys.len()));
        let mut seen = std::collections::HashSet::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            let w = g2_to_bytes(k.public_key().point());
            if !seen.insert(w) {
                return Err(Error::DuplicateIssuer(i));
            }
            encoding.extend_from_slice(&w);
            encoding.extend_from_slice(&k.x_bytes());
        }
        Ok(Self {
            suite,
            keys,
            encoding,
        })
    }

    /// The ciphersuite of every key.
    pub fn suite(&self) -> Ciphersuite {
        self.suite
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[IssuerKey] {
        &self.keys
    }

    /// N.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Never true (a set has at least one key).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The position of the issuer with key W, if accepted (the holder's `signer` index).
    pub fn position(&self, w: &PublicKey) -> Option<usize> {
        self.keys.iter().position(|k| k.public_key() == w)
    }

    pub(crate) fn encoding(&self) -> &[u8] {
        &self.encoding
    }
}
