//! The presentation header `ph` that binds every predicate attachment into the BBS challenge.
//!
//! ```text
//! ph' = DST || u64be(|ph|) || ph || u32be(n)
//!       || for each attachment: circuit_id (32) || u64be(message index) || u32be(k)
//!                               || p_1..p_k (32 bytes BE each) || A || B || C || D || T_D
//! c   = BBS challenge over (Abar, Bbar, D_bbs, T1, T2, ph')
//! ```
//!
//! Points are compressed (G1 48 bytes, G2 96 bytes). Every field has a fixed length or a
//! length prefix, so distinct inputs give distinct `ph'`. The holder builds it with its
//! `T_D`; the verifier with `T_D' = m^·IC_1 + v^·IC_2 − c·D` and the statements of its own
//! request, so any change to an attachment, a statement or the caller's `ph` changes `c`.

use ark_serialize::CanonicalSerialize;
use zkcred_snark::{scalar_to_bytes, CircuitId, CommittedProof, Fr, G1Affine};

/// Domain separation tag at the start of `ph'`.
pub const PH_DST: &[u8] = b"ZKCRED-PREDICATES-PH-V1";

/// What one attachment contributes to `ph'`.
#[derive(Clone, Copy, Debug)]
pub struct TranscriptItem<'a> {
    /// The circuit's id.
    pub circuit_id: CircuitId,
    /// The message the predicate is about.
    pub message_index: usize,
    /// The public parameters `p_1..p_k`.
    pub public_params: &'a [Fr],
    /// `A, B, C, D`.
    pub proof: &'a CommittedProof,
    /// The opening commitment `T_D` (recomputed by the verifier).
    pub t_d: &'a G1Affine,
}

fn put_point<P: CanonicalSerialize>(out: &mut Vec<u8>, p: &P) {
    p.serialize_compressed(&mut *out)
        .expect("serializing a point into a Vec is infallible");
}

/// `ph'` for the caller's `ph` (nonce, verifier id, ...) and the attachments, in request order.
pub fn presentation_header(ph: &[u8], items: &[TranscriptItem<'_>]) -> Vec<u8> {
    let per_item: usize = items
        .iter()
        .map(|it| 32 + 8 + 4 + 32 * it.public_params.len() + 240 + 48)
        .sum();
    let mut out = Vec::with_capacity(PH_DST.len() + 8 + ph.len() + 4 + per_item);
    out.extend_from_slice(PH_DST);
    out.extend_from_slice(&(ph.len() as u64).to_be_bytes());
    out.extend_from_slice(ph);
    out.extend_from_slice(&(items.len() as u32).to_be_bytes());
    for it in items {
        out.extend_from_slice(it.circuit_id.as_bytes());
        out.extend_from_slice(&(it.message_index as u64).to_be_bytes());
        out.extend_from_slice(&(it.public_params.len() as u32).to_be_bytes());
        for p in it.public_params {
            out.extend_from_slice(&scalar_to_bytes(p));
        }
        put_point(&mut out, &it.proof.proof.a);
        put_point(&mut out, &it.proof.proof.b);
        put_point(&mut out, &it.proof.proof.c);
        put_point(&mut out, &it.proof.d);
        put_point(&mut out, it.t_d);
    }
    out
}
