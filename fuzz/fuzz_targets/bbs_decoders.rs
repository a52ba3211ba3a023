//! Every public BBS octet decoder (`zkcred_bbs`), on arbitrary bytes: never a panic, and
//! whatever decodes re-encodes to bytes that decode again. The decoders do not depend on the
//! ciphersuite (both suites share the BLS12-381 encodings); `bbs_proof_verify` covers the
//! suite-dependent verification. The first byte picks the decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkcred_bbs::{
    CommitmentWithProof, NymProof, NymSecrets, Proof, Pseudonym, PublicKey, SecretKey,
    SecretProverBlind, Signature,
};

/// Decodes, re-encodes, and decodes the re-encoding (which must succeed).
macro_rules! round_trip {
    ($ty:ty, $bytes:expr) => {
        if let Ok(v) = <$ty>::from_bytes($bytes) {
            let again = v.to_bytes();
            assert!(<$ty>::from_bytes(&again[..]).is_ok(), "re-encoding refused");
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    match which % 9 {
        0 => round_trip!(PublicKey, bytes),
        1 => round_trip!(Signature, bytes),
        2 => round_trip!(Proof, bytes),
        3 => round_trip!(CommitmentWithProof, bytes),
        4 => round_trip!(NymProof, bytes),
        5 => round_trip!(Pseudonym, bytes),
        6 => round_trip!(SecretKey, bytes),
        7 => round_trip!(SecretProverBlind, bytes),
        _ => round_trip!(NymSecrets, bytes),
    }
});
