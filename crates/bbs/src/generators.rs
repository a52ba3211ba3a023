//! create_generators (draft 4.1.1) with a process-wide cache.
//!
//! v = expand(generator_seed, seed_dst, 48); for i = 1..count: v = expand(v || I2OSP(i, 8),
//! seed_dst, 48), G_i = hash_to_curve_g1(v, generator_dst). The chain is sequential, so the
//! cache keeps the last v per (suite, api_id) and extends the list on demand. Each generator
//! keeps its 48-byte encoding (hashed into the domain) and, on first use, a fixed-base table.

use crate::error::Result;
use crate::hash::hash_to_curve_g1;
use crate::octets::{g1_to_bytes, i2osp8, G1_LEN};
use crate::suite::{Ciphersuite, Interface, EXPAND_LEN};
use ark_bls12_381::G1Affine;
use ark_ec::CurveGroup;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use zkcred_pairing::FixedBaseTable;

/// One generator: the point, its octets and its lazily built fixed-base table.
pub struct Generator {
    point: G1Affine,
    bytes: [u8; G1_LEN],
    table: OnceLock<FixedBaseTable>,
}

impl Generator {
    pub(crate) fn new(point: G1Affine) -> Self {
        Self {
            bytes: g1_to_bytes(&point),
            point,
            table: OnceLock::new(),
        }
    }

    /// The generator as an affine point.
    pub fn point(&self) -> &G1Affine {
        &self.point
    }

    /// point_to_octets_E1 of the generator.
    pub fn bytes(&self) -> &[u8; G1_LEN] {
        &self.bytes
    }

    pub(crate) fn table(&self) -> &FixedBaseTable {
        self.table.get_or_init(|| FixedBaseTable::new(&self.point))
    }
}

impl core::fmt::Debug for Generator {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Generator({})", hex::encode(self.bytes))
    }
}

/// A list of generators; index 0 is Q_1 and 1.. are H_1.. (or Q_2, J_1.. for blind lists).
pub type Generators = Arc<[Arc<Generator>]>;

struct Chain {
    v: Vec<u8>,
    list: Generators,
}

type CacheKey = (Ciphersuite, Vec<u8>);

fn cache() -> &'static Mutex<HashMap<CacheKey, Chain>> {
    static CACHE: OnceLock<Mutex<HashMap<CacheKey, Chain>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// create_generators(count, api_id): returns at least `count` generators (callers slice).
pub fn create_generators(suite: Ciphersuite, api_id: &[u8], count: usize) -> Result<Generators> {
    let key = (suite, api_id.to_vec());
    let mut guard = match cache().lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(chain) = guard.get(&key) {
        if chain.list.len() >= count {
            return Ok(chain.list.clone());
        }
    }
    let seed = [api_id, b"MESSAGE_GENERATOR_SEED"].concat();
    let (mut v, mut list) = match guard.remove(&key) {
        Some(chain) => (chain.v, chain.list.to_vec()),
        None => (
            suite.expand_message(&[&seed], &seed_dst(api_id), EXPAND_LEN)?,
            Vec::new(),
        ),
    };
    // On error the chain is dropped (and rebuilt on the next call), never left half-advanced.
    extend_chain(suite, api_id, &mut v, &mut list, count)?;
    let list: Generators = list.into();
    guard.insert(
        key,
        Chain {
            v,
            list: list.clone(),
        },
    );
    Ok(list)
}

fn seed_dst(api_id: &[u8]) -> Vec<u8> {
    [api_id, b"SIG_GENERATOR_SEED_"].concat()
}

fn extend_chain(
    suite: Ciphersuite,
    api_id: &[u8],
    v: &mut Vec<u8>,
    list: &mut Vec<Arc<Generator>>,
    count: usize,
) -> Result<()> {
    let seed_dst = seed_dst(api_id);
    let generator_dst = [api_id, b"SIG_GENERATOR_DST_"].concat();
    let mut points = Vec::with_capacity(count.saturating_sub(list.len()));
    let start = list.len();
    for i in start + 1..=count {
        *v = suite.expand_message(&[v, &i2osp8(i)], &seed_dst, EXPAND_LEN)?;
        points.push(hash_to_curve_g1(suite, &[v], &generator_dst)?);
    }
    let affine = ark_bls12_381::G1Projective::normalize_batch(&points);
    list.extend(affine.into_iter().map(|p| Arc::new(Generator::new(p))));
    Ok(())
}

/// Derives the suite's P1 as the draft does (first generator with the `BP_` seed); used to
/// check the hard-coded constant.
pub fn derive_p1(suite: Ciphersuite) -> Result<G1Affine> {
    let api_id = suite.api_id(Interface::Core);
    let seed = [&api_id[..], b"BP_MESSAGE_GENERATOR_SEED"].concat();
    let seed_dst = seed_dst(&api_id);
    let v = suite.expand_message(&[&seed], &seed_dst, EXPAND_LEN)?;
    let v = suite.expand_message(&[&v, &i2osp8(1)], &seed_dst, EXPAND_LEN)?;
    Ok(
        hash_to_curve_g1(suite, &[&v], &[&api_id[..], b"SIG_GENERATOR_DST_"].concat())?
            .into_affine(),
    )
}

/// P1 of the suite as a generator with a fixed-base table.
pub fn p1_generator(suite: Ciphersuite) -> &'static Generator {
    static SHA: OnceLock<Generator> = OnceLock::new();
    static SHAKE: OnceLock<Generator> = OnceLock::new();
    let cell = match suite {
        Ciphersuite::Bls12381Sha256 => &SHA,
        Ciphersuite::Bls12381Shake256 => &SHAKE,
    };
    cell.get_or_init(|| Generator::new(suite.p1()))
}
