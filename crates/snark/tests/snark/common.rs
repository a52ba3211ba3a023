//! A tiny test circuit and shared keys (one Groth16 setup per shape for the whole test binary).

use std::sync::OnceLock;

use ark_ff::One;
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystemRef, LinearCombination, SynthesisError, Variable,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use zkcred_snark::{
    setup, Blinding, CircuitId, CommittedProof, Fr, G1Affine, OpeningProver, OpeningResponse,
    PreparedVerifyingKey, ProvingKey, VerifyingKey,
};

/// Instance `(w_1..w_t, v, p_1..p_k)`; proves `w_{(j mod t)+1} - p_j` is in `[0, 2^32)` for every
/// j, by a 32-bit decomposition: 33 constraints per public parameter. `v` is free.
#[derive(Clone, Debug)]
pub struct GeCircuit {
    pub w: Vec<u64>,
    pub v: Fr,
    pub bounds: Vec<u64>,
}

impl GeCircuit {
    /// Placeholder assignment for setup.
    pub fn shape(t: usize, k: usize) -> Self {
        GeCircuit {
            w: vec![0; t],
            v: Fr::from(0u64),
            bounds: vec![0; k],
        }
    }
}

impl ConstraintSynthesizer<Fr> for GeCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let t = self.w.len();
        let w_vars = self
            .w
            .iter()
            .map(|&w| cs.new_input_variable(|| Ok(Fr::from(w))))
            .collect::<Result<Vec<_>, _>>()?;
        let _v = cs.new_input_variable(|| Ok(self.v))?;
        let p_vars = self
            .bounds
            .iter()
            .map(|&p| cs.new_input_variable(|| Ok(Fr::from(p))))
            .collect::<Result<Vec<_>, _>>()?;
        for (j, (&bound, &p)) in self.bounds.iter().zip(&p_vars).enumerate() {
            let i = j % t;
            let diff = self.w[i].wrapping_sub(bound);
            let mut sum = LinearCombination::<Fr>::zero();
            for b in 0..32 {
                let bit = (diff >> b) & 1 == 1;
                let var = cs.new_witness_variable(|| Ok(Fr::from(bit)))?;
                cs.enforce_r1cs_constraint(
                    || LinearCombination::from(var),
                    || LinearCombination::from(Variable::One) - var,
                    LinearCombination::zero,
                )?;
                sum += (Fr::from(1u64 << b), var);
            }
            let w = w_vars[i];
            cs.enforce_r1cs_constraint(
                || sum,
                || LinearCombination::from(Variable::One),
                || LinearCombination::from(w) + (-Fr::one(), p),
            )?;
        }
        Ok(())
    }
}

pub struct Ctx {
    pub t: usize,
    pub pk: ProvingKey,
    pub vk: VerifyingKey,
    pub pvk: PreparedVerifyingKey,
}

fn make(t: usize, k: usize, seed: u64) -> Ctx {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let id = CircuitId::new(format!("test/ge32/t={t}/k={k}").as_bytes(), t);
    let (pk, vk) = setup(GeCircuit::shape(t, k), id, t, &mut rng).expect("setup");
    let pvk = vk.prepare();
    Ctx { t, pk, vk, pvk }
}

/// t = 1, k = 1.
pub fn small() -> &'static Ctx {
    static C: OnceLock<Ctx> = OnceLock::new();
    C.get_or_init(|| make(1, 1, 1))
}

/// Same circuit and id as [`small`], different setup randomness.
pub fn small_other() -> &'static Ctx {
    static C: OnceLock<Ctx> = OnceLock::new();
    C.get_or_init(|| make(1, 1, 2))
}

/// t = 2, k = 5 (public parameters summed with an MSM).
pub fn wide() -> &'static Ctx {
    static C: OnceLock<Ctx> = OnceLock::new();
    C.get_or_init(|| make(2, 5, 3))
}

pub fn rng(seed: u64) -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(seed)
}

/// Everything a verifier receives or recomputes for one presentation.
pub struct Presentation {
    pub proof: CommittedProof,
    pub params: Vec<Fr>,
    pub t_d: G1Affine,
    pub c: Fr,
    pub m_hat: Vec<Fr>,
    pub response: OpeningResponse,
}

/// Honest prover: proof, opening commitment, a "BBS" challenge and responses.
pub fn present(ctx: &Ctx, w: &[u64], bounds: &[u64], seed: u64) -> Presentation {
    let mut rng = rng(seed);
    let w_fr: Vec<Fr> = w.iter().map(|&x| Fr::from(x)).collect();
    let circuit = GeCircuit {
        w: w.to_vec(),
        v: Fr::from(0u64),
        bounds: bounds.to_vec(),
    };
    let v = Blinding::random(&mut rng);
    let proof = zkcred_snark::prove(&ctx.pk, circuit, &w_fr, &v, &mut rng).expect("prove");
    let m_tilde: Vec<Fr> = (0..ctx.t)
        .map(|i| Fr::from(1000 + i as u64) * Fr::from(seed))
        .collect();
    let v_tilde = Fr::from(77u64) + Fr::from(seed);
    let opening = OpeningProver::commit(&ctx.vk, &w_fr, &v, &m_tilde, &v_tilde).expect("commit");
    assert_eq!(opening.d(), &proof.d);
    let t_d = *opening.t_d();
    let c = Fr::from(0x5eed_u64 + seed);
    let response = opening.respond(&c);
    let m_hat = m_tilde
        .iter()
        .zip(&w_fr)
        .map(|(mt, w)| *mt + c * w)
        .collect();
    Presentation {
        proof,
        params: bounds.iter().map(|&p| Fr::from(p)).collect(),
        t_d,
        c,
        m_hat,
        response,
    }
}
