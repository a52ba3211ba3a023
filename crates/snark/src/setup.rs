//! Circuit-specific Groth16 setup; keys carry the circuit id and the number t of committed inputs.

use ark_bls12_381::Bls12_381;
use ark_groth16::Groth16;
use ark_relations::gr1cs::ConstraintSynthesizer;
use rand_core::{CryptoRng, RngCore};

use crate::{ArkProvingKey, ArkVerifyingKey, CircuitId, Fr, G1Affine, Result, SnarkError};

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

    /// Precomputes `e(alpha, beta)` and the prepared `-gamma`, `-delta` for verification.
    pub fn prepare(&self) -> PreparedVerifyingKey {
        PreparedVerifyingKey::from(self)
    }
}

/// A verifying key with `e(alpha, beta)`, `-gamma` and `-delta` precomputed (what [`verify`](fn@crate::verify) uses).
#[derive(Clone, Debug)]
pub struct PreparedVerifyingKey {
    pub(crate) vk: VerifyingKey,
    pub(crate) pvk: ark_groth16::PreparedVerifyingKey<Bls12_381>,
}

impl PreparedVerifyingKey {
    /// The unprepared key.
    pub fn vk(&self) -> &VerifyingKey {
        &self.vk
    }
}

impl From<&VerifyingKey> for PreparedVerifyingKey {
    fn from(vk: &VerifyingKey) -> Self {
        PreparedVerifyingKey {
            vk: vk.clone(),
            pvk: ark_groth16::prepare_verifying_key(&vk.vk),
        }
    }
}

impl From<VerifyingKey> for PreparedVerifyingKey {
    fn from(vk: VerifyingKey) -> Self {
        PreparedVerifyingKey::from(&vk)
    }
}

/// Groth16 proving key with its circuit id and t; contains the verifying key.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvingKey {
    pub(crate) circuit_id: CircuitId,
    pub(crate) num_committed: usize,
    pub(crate) pk: ArkProvingKey,
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
}

/// Circuit-specific Groth16 setup (ark-groth16) for a circuit with instance
/// `(w_1..w_t, v, p_1..p_k)`, `t = num_committed`; fails unless the circuit has at least `t + 1`
/// instance inputs. The circuit's assignment is not used (any placeholder values will do).
///
/// The party that relies on soundness (the verifier) runs this: whoever knows the randomness
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
    let pk = Groth16::<Bls12_381>::generate_random_parameters_with_reduction(circuit, rng)?;
    let pk = ProvingKey::from_parts(circuit_id, num_committed, pk)?;
    let vk = pk.verifying_key();
    Ok((pk, vk))
}
