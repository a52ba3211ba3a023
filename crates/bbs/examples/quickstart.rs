//! A commune signs a citizen's attributes with BBS; the citizen shows a clinic only the
//! province, and a verifier checks many presentations at once.
//!
//! Run: `cargo run --release -p zkcred-bbs --example quickstart`

use std::time::Instant;
use zkcred_bbs::{BatchItem, Bbs, Ciphersuite, KeyPair, Proof};

fn main() -> Result<(), zkcred_bbs::Error> {
    let mut rng = rand::thread_rng();
    for suite in Ciphersuite::ALL {
        println!("== {suite}");
        let bbs = Bbs::new(suite, 16)?;
        let t = Instant::now();
        bbs.precompute();
        println!("generator tables built in {:.1} ms", ms(t));

        // The issuer (a commune) and the attributes it signs.
        let commune = KeyPair::random(suite, &mut rng)?;
        let attributes: [&[u8]; 5] = [
            b"name=Nguyen Van A",
            b"birth_date=2001-04-02",
            b"province=An Giang",
            b"commune=My Hoa Hung",
            b"holder_secret=7f3c9a",
        ];
        let header = b"schema:vn.commune.identity/v1";

        let t = Instant::now();
        let sig = bbs.sign(&commune.secret, &commune.public, header, &attributes)?;
        println!(
            "sign: {:.2} ms, signature {} bytes",
            ms(t),
            sig.to_bytes().len()
        );
        let t = Instant::now();
        bbs.verify(&commune.public, &sig, header, &attributes)?;
        println!("verify: {:.2} ms", ms(t));

        // The citizen discloses only the province (index 2) to a clinic, bound to its nonce.
        let nonce = b"clinic-42/nonce/8c1d";
        let t = Instant::now();
        let proof = bbs.proof_gen(
            &commune.public,
            &sig,
            header,
            nonce,
            &attributes,
            &[2],
            &mut rng,
        )?;
        println!(
            "proof gen: {:.2} ms, proof {} bytes",
            ms(t),
            proof.to_bytes().len()
        );

        // The clinic receives the bytes and checks them.
        let received = Proof::from_bytes(&proof.to_bytes())?;
        let t = Instant::now();
        bbs.proof_verify(
            &commune.public,
            &received,
            header,
            nonce,
            &[attributes[2]],
            &[2],
        )?;
        println!(
            "proof verify: {:.2} ms -> clinic learns only {:?}",
            ms(t),
            String::from_utf8_lossy(attributes[2])
        );

        // Replaying the proof under another nonce fails.
        let replay = bbs.proof_verify(
            &commune.public,
            &received,
            header,
            b"other nonce",
            &[attributes[2]],
            &[2],
        );
        println!(
            "replay under another nonce: {}",
            replay.err().map(|e| e.to_string()).unwrap_or_default()
        );

        // A gateway verifies 50 presentations in one batch.
        let nonces: Vec<Vec<u8>> = (0..50u32).map(|i| i.to_be_bytes().to_vec()).collect();
        let proofs = nonces
            .iter()
            .map(|n| {
                bbs.proof_gen(
                    &commune.public,
                    &sig,
                    header,
                    n,
                    &attributes,
                    &[2],
                    &mut rng,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let province = bbs.messages_to_scalars(&[attributes[2]])?;
        let items: Vec<BatchItem<'_>> = proofs
            .iter()
            .zip(&nonces)
            .map(|(proof, ph)| BatchItem {
                pk: &commune.public,
                proof,
                header,
                ph,
                disclosed_indexes: &[2],
                disclosed_messages: &province,
            })
            .collect();
        let t = Instant::now();
        bbs.batch_verify(&items, &mut rng)?;
        println!(
            "batch verify of 50 proofs: {:.2} ms ({:.3} ms each)",
            ms(t),
            ms(t) / 50.0
        );
    }
    Ok(())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}
