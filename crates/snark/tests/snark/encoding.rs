//! Octet encodings and serde.

use rand_chacha::rand_core::RngCore;
use zkcred_snark::{
    encoding::{proof_from_bytes, proof_to_bytes, COMMITTED_PROOF_LEN, PROOF_LEN},
    scalar_from_bytes, scalar_to_bytes, verify, CircuitId, CommittedProof, Fr, OpeningResponse,
    ProvingKey, SnarkError, VerifyingKey,
};

use crate::common::{present, rng, small, wide};

#[test]
fn proof_roundtrip() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 20);
    let bytes = p.proof.to_bytes();
    assert_eq!(bytes.len(), COMMITTED_PROOF_LEN);
    assert_eq!(bytes.len(), 240);
    let back = CommittedProof::from_bytes(&bytes).unwrap();
    assert_eq!(back, p.proof);
    verify(&ctx.pvk, &back, &p.params).unwrap();

    let g = proof_to_bytes(&p.proof.proof);
    assert_eq!(g.len(), PROOF_LEN);
    assert_eq!(proof_from_bytes(&g).unwrap(), p.proof.proof);
    assert_eq!(&bytes[..PROOF_LEN], &g[..]);

    let r = p.response.to_bytes();
    assert_eq!(OpeningResponse::from_bytes(&r).unwrap(), p.response);
}

#[test]
fn keys_roundtrip() {
    for ctx in [small(), wide()] {
        let vk_bytes = ctx.vk.to_bytes();
        assert_eq!(vk_bytes.len(), 376 + 48 * ctx.vk.ic().len());
        assert_eq!(VerifyingKey::from_bytes(&vk_bytes).unwrap(), ctx.vk);
        let pk_bytes = ctx.pk.to_bytes();
        let pk = ProvingKey::from_bytes(&pk_bytes).unwrap();
        assert_eq!(pk, ctx.pk);
        zkcred_snark::check_keys(&pk, &ctx.vk).unwrap();
    }
}

#[test]
fn scalars_canonical() {
    let x = Fr::from(123456789u64);
    let b = scalar_to_bytes(&x);
    assert_eq!(b[31], 0x15);
    assert_eq!(scalar_from_bytes(&b).unwrap(), x);
    assert_eq!(
        scalar_from_bytes(&scalar_to_bytes(&-Fr::from(1u64))).unwrap(),
        -Fr::from(1u64)
    );
    // r itself and all-ones are >= r.
    let r_be =
        hex::decode("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001").unwrap();
    assert_eq!(
        scalar_from_bytes(&r_be),
        Err(SnarkError::NonCanonicalScalar)
    );
    assert_eq!(
        scalar_from_bytes(&[0xff; 32]),
        Err(SnarkError::NonCanonicalScalar)
    );
    assert_eq!(
        scalar_from_bytes(&[0; 31]),
        Err(SnarkError::InvalidLength {
            expected: 32,
            got: 31
        })
    );
    assert_eq!(
        OpeningResponse::from_bytes(&r_be),
        Err(SnarkError::NonCanonicalScalar)
    );
}

#[test]
fn malformed_bytes_rejected_without_panic() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 21);
    let proof = p.proof.to_bytes();
    let vk = ctx.vk.to_bytes();
    let pk = ctx.pk.to_bytes();

    // Truncations and extensions.
    for n in 0..proof.len() {
        assert!(CommittedProof::from_bytes(&proof[..n]).is_err());
    }
    let mut long = proof.clone();
    long.push(0);
    assert_eq!(
        CommittedProof::from_bytes(&long),
        Err(SnarkError::InvalidLength {
            expected: 240,
            got: 241
        })
    );
    for n in 0..vk.len() {
        assert!(VerifyingKey::from_bytes(&vk[..n]).is_err(), "vk prefix {n}");
    }
    for n in (0..pk.len()).step_by(499).chain(pk.len() - 4..pk.len()) {
        assert!(ProvingKey::from_bytes(&pk[..n]).is_err(), "pk prefix {n}");
    }
    let mut long = vk.clone();
    long.extend_from_slice(&[0; 3]);
    assert_eq!(
        VerifyingKey::from_bytes(&long),
        Err(SnarkError::TrailingBytes(3))
    );

    // Bit flips: an error, or (rarely) a different valid value, never a panic.
    for i in 0..proof.len() {
        let mut b = proof.clone();
        b[i] ^= 1 << (i % 8);
        if let Ok(q) = CommittedProof::from_bytes(&b) {
            assert_ne!(q, p.proof);
            assert!(verify(&ctx.pvk, &q, &p.params).is_err());
        }
    }
    for i in 0..vk.len() {
        let mut b = vk.clone();
        b[i] ^= 0x80 >> (i % 8);
        if let Ok(k) = VerifyingKey::from_bytes(&b) {
            assert_ne!(k, ctx.vk);
        }
    }

    // A huge count must not allocate or panic.
    let mut huge = vk[..36 + 48 + 3 * 96].to_vec();
    huge.extend_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(VerifyingKey::from_bytes(&huge), Err(SnarkError::Truncated));

    // Random bytes of many lengths.
    let mut r = rng(22);
    for len in [
        0usize, 1, 31, 32, 48, 96, 191, 192, 239, 240, 241, 376, 424, 500, 4096,
    ] {
        for _ in 0..20 {
            let mut b = vec![0u8; len];
            r.fill_bytes(&mut b);
            let _ = CommittedProof::from_bytes(&b);
            let _ = proof_from_bytes(&b);
            let _ = VerifyingKey::from_bytes(&b);
            let _ = ProvingKey::from_bytes(&b);
            let _ = OpeningResponse::from_bytes(&b);
            let _ = scalar_from_bytes(&b);
            let _ = CircuitId::from_slice(&b);
        }
    }
}

#[test]
fn serde_json_roundtrip() {
    let ctx = small();
    let p = present(ctx, &[100], &[50], 23);

    let s = serde_json::to_string(&p.proof).unwrap();
    assert_eq!(s, format!("\"{}\"", hex::encode(p.proof.to_bytes())));
    assert_eq!(serde_json::from_str::<CommittedProof>(&s).unwrap(), p.proof);

    let s = serde_json::to_string(&ctx.vk).unwrap();
    assert_eq!(serde_json::from_str::<VerifyingKey>(&s).unwrap(), ctx.vk);
    let s = serde_json::to_string(&ctx.pk).unwrap();
    assert_eq!(serde_json::from_str::<ProvingKey>(&s).unwrap(), ctx.pk);
    let s = serde_json::to_string(&p.response).unwrap();
    assert_eq!(
        serde_json::from_str::<OpeningResponse>(&s).unwrap(),
        p.response
    );
    let id = ctx.vk.circuit_id();
    let s = serde_json::to_string(&id).unwrap();
    assert_eq!(s, format!("\"{id}\""));
    assert_eq!(serde_json::from_str::<CircuitId>(&s).unwrap(), id);

    // Uppercase reads as the same value (and is written back lowercase).
    let upper = serde_json::to_string(&p.proof).unwrap().to_uppercase();
    let read = serde_json::from_str::<CommittedProof>(&upper).unwrap();
    assert_eq!(read, p.proof);
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        serde_json::to_string(&p.proof).unwrap()
    );
    let upper = format!("\"{}\"", id.to_string().to_uppercase());
    assert_eq!(serde_json::from_str::<CircuitId>(&upper).unwrap(), id);
    let upper = serde_json::to_string(&ctx.vk).unwrap().to_uppercase();
    assert_eq!(
        serde_json::from_str::<VerifyingKey>(&upper).unwrap(),
        ctx.vk
    );
    // Odd-length, non-hex and wrong-typed input are refused.
    assert!(serde_json::from_str::<CommittedProof>("\"abc\"").is_err());
    assert!(serde_json::from_str::<CommittedProof>("\"zz\"").is_err());
    assert!(serde_json::from_str::<CommittedProof>("42").is_err());
}
