//! The Groth16 octet decoders of `zkcred_snark` on arbitrary bytes: never a panic, and
//! whatever decodes re-encodes to bytes that decode again. The first byte picks the decoder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zkcred_snark::{CommittedProof, OpeningResponse, ProvingKey, VerifyingKey};

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
    match which % 4 {
        0 => round_trip!(ProvingKey, bytes),
        1 => round_trip!(VerifyingKey, bytes),
        2 => round_trip!(CommittedProof, bytes),
        _ => round_trip!(OpeningResponse, bytes),
    }
});
