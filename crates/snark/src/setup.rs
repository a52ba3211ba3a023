//! Circuit-specific Groth16 setup; keys carry the circuit id and the number t of committed inputs.

use ark_bls12_381::{Bls12_381, G1Projective, G2Projective};
use ark_ec::{scalar_mul::BatchMulPreprocessing, CurveGroup, PrimeGroup};
use ark_ff::{Field, UniformRand, Zero};
use ark_groth16::Groth16;
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_relations::gr1cs::ConstraintSynthesizer;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use rand_core::{CryptoRng, RngCore};
use std::sync::OnceLock;
use zeroize::{Zeroize, Zeroizing};
use zkcred_pairing::{FixedBaseTable, PreparedG2};

use crate::{
    prepared_key::PreparedProvingKey, prepared_slot::PreparedSlot,
    tau_powers::expected_power_count, ArkProvingKey, ArkVerifyingKey, CircuitId, Fr, G1Affine,
    Result, SnarkError, TauPowers,
};

/// Checks `|IC| >= t + 2`: the constant one, t committed values and the blinding v.
pub(crate) fn check_ic_shape(ic_len: usize, num_committed: usize) -> Result<()> {
    if ic_len == 0 {
        return Err(SnarkError::MalformedKey("verifying key has no IC_0"));
    }
    let instance_inputs = ic_len - 1;
    if num_committed >= instance_inputs {
        return Err(SnarkError::TooFewInstanceInputs {
            instance_inputs,
            num_committed,
        });
    }
    Ok(())
}

/// Groth16 verifying key for instance `(w_1..w_t, v, p_1..p_k)`, with its circuit id and t.
///
/// `IC = gamma_abc_g1` has `1 + t + 1 + k` bases: `IC_0` (constant one), `IC_1..IC_t`
/// (committed values), `IC_{t+1}` (blinding), `IC_{t+2}..` (public parameters).
#[derive(Clone, Debug, PartialEq)]
pub struct VerifyingKey {
    pub(crate) circuit_id: CircuitId,
    pub(crate) num_committed: usize,
    pub(crate) vk: ArkVerifyingKey,
}

impl VerifyingKey {
    /// Wraps an ark-groth16 key; checks only `|IC| >= t + 2`. Run
    /// [`check_verifying_key`](crate::check_verifying_key) on keys from elsewhere.
    pub fn from_parts(
        circuit_id: CircuitId,
        num_committed: usize,
        vk: ArkVerifyingKey,
    ) -> Result<Self> {
        check_ic_shape(vk.gamma_abc_g1.len(), num_committed)?;
        Ok(VerifyingKey {
            circuit_id,
            num_committed,
            vk,
        })
    }

    /// The circuit id the key was made for.
    pub fn circuit_id(&self) -> CircuitId {
        self.circuit_id
    }

    /// t, the number of committed values.
    pub fn num_committed(&self) -> usize {
        self.num_committed
    }

    /// k = |IC| - t - 2, the number of public parameters.
    pub fn num_public_params(&self) -> usize {
        self.vk.gamma_abc_g1.len() - self.num_committed - 2
    }

    /// The input bases `IC_0..IC_{t+1+k}`.
    pub fn ic(&self) -> &[G1Affine] {
        &self.vk.gamma_abc_g1
    }

    /// The underlying ark-groth16 key.
    pub fn as_ark(&self) -> &ArkVerifyingKey {
        &self.vk
    }

    /// Prepares `β`, `−γ`, `−δ` for the Miller loop ([`PreparedVerifyingKey`]).
    pub fn prepare(&self) -> PreparedVerifyingKey {
        PreparedVerifyingKey::from(self)
    }
}

/// A verifying key with `β`, `−γ` and `−δ` prepared for the Miller loop and `−α` at hand:
/// the fixed pairs of the Groth16 equation `e(A, B)·e(−α, β)·e(P, −γ)·e(C, −δ) = 1` (what
/// [`verify`](fn@crate::verify) and [`verify_deferred`](crate::verify_deferred) use). Every
/// proof under one key shares these three G2 points, so a merged check pairs each once.
/// The opening bases `IC_1..IC_{t+1}` get fixed-base tables on first use
/// ([`crate::recompute_t_d_prechecked`]).
#[derive(Clone, Debug)]
pub struct PreparedVerifyingKey {
    pub(crate) vk: VerifyingKey,
    pub(crate) neg_alpha: G1Affine,
    pub(crate) beta: PreparedG2,
    pub(crate) neg_gamma: PreparedG2,
    pub(crate) neg_delta: PreparedG2,
    opening_tables: OnceLock<Vec<FixedBaseTable>>,
}

impl PreparedVerifyingKey {
    /// The unprepared key.
    pub fn vk(&self) -> &VerifyingKey {
        &self.vk
    }

    /// Fixed-base tables of `IC_1..IC_{t+1}` (the opening's bases), built once.
    pub(crate) fn opening_tables(&self) -> &[FixedBaseTable] {
        self.opening_tables.get_or_init(|| {
            let t = self.vk.num_committed;
            self.vk.ic()[1..t + 2]
                .iter()
                .map(FixedBaseTable::new)
                .collect()
        })
    }
}

impl From<&VerifyingKey> for PreparedVerifyingKey {
    fn from(vk: &VerifyingKey) -> Self {
        let k = &vk.vk;
        PreparedVerifyingKey {
            vk: vk.clone(),
            neg_alpha: -k.alpha_g1,
            beta: PreparedG2::new(k.beta_g2),
            neg_gamma: PreparedG2::new(-k.gamma_g2),
            neg_delta: PreparedG2::new(-k.delta_g2),
            opening_tables: OnceLock::new(),
        }
    }
}

impl From<VerifyingKey> for PreparedVerifyingKey {
    fn from(vk: VerifyingKey) -> Self {
        PreparedVerifyingKey::from(&vk)
    }
}

/// Groth16 proving key with its circuit id and t; contains the verifying key, and the powers
/// of tau that let a holder check its structure ([`crate::check_key_structure`]).
#[derive(Clone, Debug)]
pub struct ProvingKey {
    pub(crate) circuit_id: CircuitId,
    pub(crate) num_committed: usize,
    pub(crate) pk: ArkProvingKey,
    pub(crate) tau_powers: Option<TauPowers>,
    /// Every point (query points and powers) is known to be on the curve and in the subgroup:
    /// set by the decoder (which checks each point) and by [`setup`], never by `from_parts`.
    pub(crate) points_validated: bool,
    /// Fixed-base tables for the prover, built on the second proof ([`ProvingKey::prepared`]).
    pub(crate) prepared: PreparedSlot,
}

impl PartialEq for ProvingKey {
    /// Equal keys: same id, t, key and powers (how a key was obtained does not matter).
    fn eq(&self, other: &Self) -> bool {
        self.circuit_id == other.circuit_id
            && self.num_committed == other.num_committed
            && self.pk == other.pk
            && self.tau_powers == other.tau_powers
    }
}

impl ProvingKey {
    /// Wraps an ark-groth16 key; checks only `|IC| >= t + 2`. Run
    /// [`check_keys`](crate::check_keys) on keys from elsewhere.
    pub fn from_parts(
        circuit_id: CircuitId,
        num_committed: usize,
        pk: ArkProvingKey,
    ) -> Result<Self> {
        check_ic_shape(pk.vk.gamma_abc_g1.len(), num_committed)?;
        Ok(ProvingKey {
            circuit_id,
            num_committed,
            pk,
            tau_powers: None,
            points_validated: false,
            prepared: PreparedSlot::default(),
        })
    }

    /// The key with the published powers of tau attached (no check: holders run
    /// [`crate::check_key_structure`]).
    pub fn with_tau_powers(mut self, tau_powers: TauPowers) -> Self {
        self.tau_powers = Some(tau_powers);
        self.points_validated = false;
        self
    }

    /// The published powers of tau, if the key carries them.
    pub fn tau_powers(&self) -> Option<&TauPowers> {
        self.tau_powers.as_ref()
    }

    /// The circuit id the key was made for.
    pub fn circuit_id(&self) -> CircuitId {
        self.circuit_id
    }

    /// t, the number of committed values.
    pub fn num_committed(&self) -> usize {
        self.num_committed
    }

    /// The verifying key contained in this proving key (a copy).
    pub fn verifying_key(&self) -> VerifyingKey {
        VerifyingKey {
            circuit_id: self.circuit_id,
            num_committed: self.num_committed,
            vk: self.pk.vk.clone(),
        }
    }

    /// The underlying ark-groth16 key.
    pub fn as_ark(&self) -> &ArkProvingKey {
        &self.pk
    }

    /// The key's fixed-base tables for the prover, built now if needed and shared by clones
    /// made afterwards (see [`PreparedProvingKey`] for their memory). [`crate::prove`] builds
    /// them on the key's second proof; a wallet that keeps the key may call this beforehand.
    pub fn prepared(&self) -> &PreparedProvingKey {
        self.prepared.get_or_build(&self.pk)
    }
}

/// Circuit-specific Groth16 setup for a circuit with instance `(w_1..w_t, v, p_1..p_k)`,
/// `t = num_committed`; fails unless the circuit has at least `t + 1` instance inputs. The
/// circuit's assignment is not used (any placeholder values will do).
///
/// ark-groth16's generator (random generators `g`, `h`, libsnark's QAP reduction) with a
/// trapdoor `(τ, α, β, γ, δ)` drawn here, so that the key also carries the powers
/// `[τ^k]_1 (k ≤ n)`, `[1]_2`, `[τ]_2`, `[τ^n]_2` ([`TauPowers`]) a holder needs to check its
/// structure. The trapdoor is wiped before returning.
///
/// The party that relies on soundness (the verifier) runs this: whoever knows the trapdoor
/// can forge proofs.
pub fn setup<C, R>(
    circuit: C,
    circuit_id: CircuitId,
    num_committed: usize,
    rng: &mut R,
) -> Result<(ProvingKey, VerifyingKey)>
where
    C: ConstraintSynthesizer<Fr>,
    R: RngCore + CryptoRng,
{
    let mut trapdoor = Zeroizing::new([nonzero(rng), nonzero(rng), nonzero(rng), nonzero(rng)]);
    let [alpha, beta, gamma, delta] = *trapdoor;
    let g1 = nonzero_group::<G1Projective, R>(rng);
    let g2 = nonzero_group::<G2Projective, R>(rng);
    // ark-groth16 draws τ from this RNG alone (sample_element_outside_domain); drawing again
    // from the same seed gives the same τ, which `tau_powers` confirms on h_query[0].
    let mut seed = Zeroizing::new([0u8; 32]);
    rng.fill_bytes(&mut seed[..]);
    let pk = Groth16::<Bls12_381>::generate_parameters_with_qap(
        circuit,
        alpha,
        beta,
        gamma,
        delta,
        g1,
        g2,
        &mut ChaCha20Rng::from_seed(*seed),
    )?;
    let powers = tau_powers(&pk, &seed, delta, g1, g2);
    trapdoor.zeroize();
    let mut pk = ProvingKey::from_parts(circuit_id, num_committed, pk)?.with_tau_powers(powers?);
    pk.points_validated = true; // computed here from valid generators
    let vk = pk.verifying_key();
    Ok((pk, vk))
}

/// A uniformly random non-zero scalar.
fn nonzero<R: RngCore + CryptoRng>(rng: &mut R) -> Fr {
    loop {
        let x = Fr::rand(rng);
        if !x.is_zero() {
            return x;
        }
    }
}

/// A uniformly random group element other than the identity.
fn nonzero_group<G: PrimeGroup + UniformRand, R: RngCore + CryptoRng>(rng: &mut R) -> G {
    loop {
        let x = G::rand(rng);
        if !x.is_zero() {
            return x;
        }
    }
}

/// Recomputes ark's τ from `seed` and publishes `[τ^k]_1`, `[1]_2`, `[τ]_2`, `[τ^n]_2`; errors unless
/// `h_query[0] = t(τ)/δ·g` (i.e. the τ is the key's).
fn tau_powers(
    pk: &ArkProvingKey,
    seed: &[u8; 32],
    delta: Fr,
    g1: G1Projective,
    g2: G2Projective,
) -> Result<TauPowers> {
    let n = pk.h_query.len() + 1;
    let domain = GeneralEvaluationDomain::<Fr>::new(n)
        .filter(|d| d.size() == n)
        .ok_or(SnarkError::MalformedKey(
            "QAP domain size is not a power of two",
        ))?;
    let mut tau = domain.sample_element_outside_domain(&mut ChaCha20Rng::from_seed(*seed));
    let zt = domain.evaluate_vanishing_polynomial(tau);
    let delta_inv = delta
        .inverse()
        .ok_or(SnarkError::MalformedKey("delta is zero"))?;
    if pk.h_query.first() != Some(&(g1 * (zt * delta_inv)).into_affine()) {
        tau.zeroize();
        return Err(SnarkError::Synthesis(
            "setup could not recover the key's tau (ark-groth16 changed how it draws it)".into(),
        ));
    }
    let count = expected_power_count(n);
    let mut scalars = Zeroizing::new(Vec::with_capacity(count));
    let mut acc = Fr::from(1u64);
    for _ in 0..count {
        scalars.push(acc);
        acc *= tau;
    }
    let g1_powers = BatchMulPreprocessing::new(g1, count).batch_mul(&scalars);
    let tau_g2 = (g2 * tau).into_affine();
    let tau_n_g2 = (g2 * scalars[n]).into_affine();
    tau.zeroize();
    acc.zeroize();
    Ok(TauPowers::from_parts(
        g1_powers,
        g2.into_affine(),
        tau_g2,
        tau_n_g2,
    ))
}
