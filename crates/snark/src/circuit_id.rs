//! Circuit identifiers: a hash of a circuit's shape and parameters.

use core::fmt;

use sha2::{Digest, Sha256};

/// A 32-byte circuit identifier.
///
/// `id = SHA-256(DOMAIN_TAG || u64be(len(descriptor)) || descriptor || u64be(t))`, where the
/// descriptor is caller-chosen bytes that fix the circuit's shape and parameters (name, version,
/// bit widths, ...) and `t` is the number of committed inputs. Displayed and serialized as
/// lowercase hex (read in either case).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CircuitId([u8; 32]);

impl CircuitId {
    /// Domain separation tag of the hash.
    pub const DOMAIN_TAG: &'static [u8] = b"ZKCRED-SNARK-CIRCUIT-ID-V1";

    /// Length of the identifier in bytes.
    pub const LEN: usize = 32;

    /// `SHA-256(DOMAIN_TAG || u64be(len(descriptor)) || descriptor || u64be(num_committed))`.
    pub fn new(descriptor: &[u8], num_committed: usize) -> Self {
        let mut h = Sha256::new();
        h.update(Self::DOMAIN_TAG);
        h.update((descriptor.len() as u64).to_be_bytes());
        h.update(descriptor);
        h.update((num_committed as u64).to_be_bytes());
        CircuitId(h.finalize().into())
    }

    /// Wraps 32 raw bytes (e.g. read from storage) as an identifier.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        CircuitId(bytes)
    }

    /// The raw 32 bytes.
    pub const fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    /// The raw 32 bytes, borrowed.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses 32 bytes from a slice; other lengths are an error.
    pub fn from_slice(bytes: &[u8]) -> crate::Result<Self> {
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| crate::SnarkError::InvalidLength {
                expected: 32,
                got: bytes.len(),
            })?;
        Ok(CircuitId(arr))
    }
}

impl fmt::Display for CircuitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for CircuitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CircuitId({self})")
    }
}
