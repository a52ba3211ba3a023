//! Groth16 keys by circuit id: setup (verifier side), checked proving keys (holder side),
//! prepared verifying keys (verifier side).

use std::collections::BTreeMap;

use rand_core::{CryptoRng, RngCore};
use zkcred_circuits::PredicateCircuit;
use zkcred_snark::{
    check_key_pair, CheckedKeys, CircuitId, KeyDigest, PreparedVerifyingKey, ProvingKey,
    SnarkError, VerifyingKey,
};

use super::error::{PredicateError, Result};
use super::statement::Predicate;

/// Keys made by the party that relies on soundness: one Groth16 setup per distinct circuit id
/// among the predicates it will ask for (`setup` of [`zkcred_snark`], `t = 1`).
///
/// Hand [`Self::proving_key`] and [`Self::verifying_key`] to holders, who load them into
/// [`HolderKeys`] (which checks them); keep [`Self::verifier_keys`].
#[derive(Clone, Debug, Default)]
pub struct PredicateKeys {
    keys: BTreeMap<CircuitId, (ProvingKey, VerifyingKey)>,
}

impl PredicateKeys {
    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs setup for each predicate whose circuit id has no key yet (predicates that differ
    /// only in their public parameters share a key).
    pub fn setup<R: RngCore + CryptoRng>(predicates: &[Predicate], rng: &mut R) -> Result<Self> {
        let mut keys = Self::new();
        for (i, p) in predicates.iter().enumerate() {
            keys.setup_for(p, rng).map_err(|e| match e {
                PredicateError::InvalidPredicate { source, .. } => {
                    PredicateError::InvalidPredicate {
                        statement: i,
                        source,
                    }
                }
                other => other,
            })?;
        }
        Ok(keys)
    }

    /// Makes the key of `predicate`'s circuit unless it exists; returns the circuit id. An
    /// invalid predicate is reported as statement 0 ([`Self::setup`] gives its position).
    pub fn setup_for<R: RngCore + CryptoRng>(
        &mut self,
        predicate: &Predicate,
        rng: &mut R,
    ) -> Result<CircuitId> {
        let circuit = predicate
            .circuit()
            .map_err(|source| PredicateError::InvalidPredicate {
                statement: 0,
                source,
            })?;
        let id = circuit.circuit_id();
        if let std::collections::btree_map::Entry::Vacant(slot) = self.keys.entry(id) {
            let pair = zkcred_snark::setup(circuit, id, 1, rng).map_err(|source| {
                PredicateError::Setup {
                    circuit: id,
                    source,
                }
            })?;
            slot.insert(pair);
        }
        Ok(id)
    }

    /// Stores a key pair this party made earlier (read back from the key set it published),
    /// so that later setups reuse it instead of replacing it: proofs made with the published
    /// key keep verifying. Only [`check_key_pair`] is run (same circuit id and t, matching
    /// verifying key); an existing pair for the circuit is kept, a different one refused.
    pub fn insert_own(&mut self, pk: ProvingKey, vk: VerifyingKey) -> Result<CircuitId> {
        let circuit = vk.circuit_id();
        check_key_pair(&pk, &vk).map_err(|source| PredicateError::KeyCheck { circuit, source })?;
        match self.keys.entry(circuit) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert((pk, vk));
            }
            std::collections::btree_map::Entry::Occupied(slot) => {
                if slot.get().1 != vk {
                    return Err(PredicateError::KeyCheck {
                        circuit,
                        source: SnarkError::KeyMismatch("two different keys for one circuit"),
                    });
                }
            }
        }
        Ok(circuit)
    }

    /// How many circuits have keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no circuit has a key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The circuit ids that have keys.
    pub fn circuit_ids(&self) -> impl Iterator<Item = &CircuitId> {
        self.keys.keys()
    }

    /// The proving key of a circuit.
    pub fn proving_key(&self, id: &CircuitId) -> Option<&ProvingKey> {
        self.keys.get(id).map(|(pk, _)| pk)
    }

    /// The verifying key of a circuit.
    pub fn verifying_key(&self, id: &CircuitId) -> Option<&VerifyingKey> {
        self.keys.get(id).map(|(_, vk)| vk)
    }

    /// What a holder does with every key pair: [`HolderKeys::insert`].
    pub fn holder_keys(&self) -> Result<HolderKeys> {
        let mut h = HolderKeys::new();
        for (pk, vk) in self.keys.values() {
            h.insert(pk.clone(), vk)?;
        }
        Ok(h)
    }

    /// The prepared verifying keys, for [`verify_with_predicates`](super::verify_with_predicates).
    pub fn verifier_keys(&self) -> VerifierKeys {
        let mut v = VerifierKeys::new();
        for (_, vk) in self.keys.values() {
            v.insert(vk);
        }
        v
    }
}

/// A holder's key pairs, by circuit id. [`Self::insert`] checks only that a pair belongs
/// together; [`Self::checked`], which the prover calls with the circuit it is about to prove,
/// runs the full structure check ([`zkcred_snark::check_key_structure`]) against that circuit
/// before handing the key out, so no proof is ever made with an unchecked key. Keys that passed
/// are remembered by digest ([`CheckedKeys::global`]): a wallet checks each key once.
#[derive(Clone, Debug, Default)]
pub struct HolderKeys {
    keys: BTreeMap<CircuitId, HolderKey>,
}

#[derive(Clone, Debug)]
struct HolderKey {
    pk: ProvingKey,
    vk: VerifyingKey,
    digest: KeyDigest,
}

impl HolderKeys {
    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores a key pair received from a verifier under its circuit id, after the checks that
    /// need no circuit: same circuit id and t, the proving key's verifying key equal to `vk`,
    /// powers of tau present. [`PredicateError::KeyCheck`] names the failed check.
    pub fn insert(&mut self, pk: ProvingKey, vk: &VerifyingKey) -> Result<CircuitId> {
        let circuit = vk.circuit_id();
        let refuse = |source| PredicateError::KeyCheck { circuit, source };
        check_key_pair(&pk, vk).map_err(refuse)?;
        if pk.tau_powers().is_none() {
            return Err(refuse(SnarkError::MissingTauPowers));
        }
        let digest = KeyDigest::of(&pk, vk);
        self.keys.insert(
            circuit,
            HolderKey {
                pk,
                vk: vk.clone(),
                digest,
            },
        );
        Ok(circuit)
    }

    /// The key pair of `circuit`, after the structure check against `circuit` (cached by
    /// digest); `Ok(None)` if there is no key for its id.
    pub fn checked<C, R>(
        &self,
        circuit: &C,
        rng: &mut R,
    ) -> Result<Option<(&ProvingKey, &VerifyingKey)>>
    where
        C: PredicateCircuit,
        R: RngCore + CryptoRng,
    {
        let id = CircuitId::new(&circuit.id_descriptor(), circuit.num_committed());
        let Some(k) = self.keys.get(&id) else {
            return Ok(None);
        };
        CheckedKeys::global()
            .check(&k.digest, &k.pk, &k.vk, id, circuit.clone(), rng)
            .map_err(|source| PredicateError::KeyCheck {
                circuit: id,
                source,
            })?;
        Ok(Some((&k.pk, &k.vk)))
    }

    /// The stored key pair of a circuit, as received (not structure-checked: prove through
    /// [`Self::checked`]).
    pub fn get(&self, id: &CircuitId) -> Option<(&ProvingKey, &VerifyingKey)> {
        self.keys.get(id).map(|k| (&k.pk, &k.vk))
    }
}

/// A verifier's prepared verifying keys, by circuit id.
#[derive(Clone, Debug, Default)]
pub struct VerifierKeys {
    keys: BTreeMap<CircuitId, PreparedVerifyingKey>,
}

impl VerifierKeys {
    /// No keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Prepares (`β`, `−γ`, `−δ` for the Miller loop) and stores a verifying key under its id.
    pub fn insert(&mut self, vk: &VerifyingKey) -> CircuitId {
        let id = vk.circuit_id();
        self.keys.insert(id, vk.prepare());
        id
    }

    /// The prepared key of a circuit.
    pub fn get(&self, id: &CircuitId) -> Option<&PreparedVerifyingKey> {
        self.keys.get(id)
    }
}
