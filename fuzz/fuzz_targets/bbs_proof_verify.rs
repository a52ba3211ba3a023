//! BBS `ProofVerify` of an arbitrary proof, for both ciphersuites, against the public key,
//! header and presentation header of the IETF fixtures (`bbs/<suite>/proof/proof002.json`):
//! never a panic. Input: byte 0 picks the suite (bit 0), byte 1 how many of the fixture's
//! ten messages are disclosed (the first n, at indexes 0..n), the rest is the proof octets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zkcred_bbs::{Bbs, Ciphersuite, Proof, PublicKey};

const PK_SHA256: &str = "a820f230f6ae38503b86c70dc50b61c58a77e45c39ab25c0652bbaa8fa136f2851bd4781c9dcde39fc9d1d52c9e60268061e7d7632171d91aa8d460acee0e96f1e7c4cfb12d3ff9ab5d5dc91c277db75c845d649ef3c4f63aebc364cd55ded0c";
const PK_SHAKE256: &str = "92d37d1d6cd38fea3a873953333eab23a4c0377e3e049974eb62bd45949cdeb18fb0490edcd4429adff56e65cbce42cf188b31bddbd619e419b99c2c41b38179eb001963bc3decaae0d9f702c7a8c004f207f46c734a5eae2e8e82833f3e7ea5";
const HEADER: &str = "11223344556677889900aabbccddeeff";
const PH: &str = "bed231d880675ed101ead304512e043ade9958dd0241ea70b4b3957fba941501";
const MESSAGES: [&str; 10] = [
    "9872ad089e452c7b6e283dfac2a80d58e8d0ff71cc4d5e310a1debdda4a45f02",
    "c344136d9ab02da4dd5908bbba913ae6f58c2cc844b802a6f811f5fb075f9b80",
    "7372e9daa5ed31e6cd5c825eac1b855e84476a1d94932aa348e07b73",
    "77fe97eb97a1ebe2e81e4e3597a3ee740a66e9ef2412472c",
    "496694774c5604ab1b2544eababcf0f53278ff50",
    "515ae153e22aae04ad16f759e07237b4",
    "d183ddc6e2665aa4e2f088af",
    "ac55fb33a75909ed",
    "96012096",
    "",
];

struct Suite {
    bbs: Bbs,
    pk: PublicKey,
}

struct Fixture {
    suites: [Suite; 2],
    header: Vec<u8>,
    ph: Vec<u8>,
    messages: Vec<Vec<u8>>,
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("fixture hex")
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let suite = |s, pk| Suite {
            bbs: Bbs::new(s, 64).expect("context"),
            pk: PublicKey::from_bytes(&unhex(pk)).expect("fixture key"),
        };
        Fixture {
            suites: [
                suite(Ciphersuite::Bls12381Sha256, PK_SHA256),
                suite(Ciphersuite::Bls12381Shake256, PK_SHAKE256),
            ],
            header: unhex(HEADER),
            ph: unhex(PH),
            messages: MESSAGES.iter().map(|m| unhex(m)).collect(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let [suite, disclosed, proof @ ..] = data else {
        return;
    };
    let Ok(proof) = Proof::from_bytes(proof) else {
        return;
    };
    let f = fixture();
    let s = &f.suites[usize::from(suite & 1)];
    let n = usize::from(*disclosed) % (f.messages.len() + 1);
    let indexes: Vec<usize> = (0..n).collect();
    let _ = s
        .bbs
        .proof_verify(&s.pk, &proof, &f.header, &f.ph, &f.messages[..n], &indexes);
});
