//! The one-out-of-many proof of knowledge of ρ with `Y_ℓ = ρ·U` for one ℓ < N,
//! `Y_i = X' − X_i`, in O(log N) group elements, under a challenge c shared with the BBS proof:
//! J. Groth, M. Kohlweiss, "One-out-of-Many Proofs: Or How to Leak a Secret and Spend a
//! Coin", EUROCRYPT 2015, with the bit commitments of J. Bootle, A. Cerulli, P. Chaidos,
//! E. Ghadafi, J. Groth, C. Petit, "Short Accountable Ring Signatures Based on DDH",
//! ESORICS 2015 (base 2, one vector commitment per role).
//!
//! With n = max(1, ⌈log2 N⌉) bits ℓ_j of ℓ and Pedersen vector commitments under generators
//! `G_1..G_n, H` ([`oom_generators`]):
//!
//! * `B = Σ ℓ_j·G_j + r_B·H`, `A = Σ a_j·G_j + r_A·H`, `C = Σ a_j(1 − 2ℓ_j)·G_j + r_C·H`,
//!   `D = Σ −a_j²·G_j + r_D·H`;
//! * `f_{j,1}(x) = ℓ_j·x + a_j`, `f_{j,0}(x) = x − f_{j,1}(x)`, and
//!   `p_i(x) = Π_j f_{j,i_j}(x) = δ_{iℓ}·x^n + Σ_{k<n} p_{i,k}·x^k`;
//!   `G_k = Σ_i p_{i,k}·Y_i + ρ_k·U` (k < n);
//! * responses `f_j = ℓ_j·c + a_j`, `z_A = r_B·c + r_A`, `z_C = r_C·c + r_D`,
//!   `z = ρ·c^n − Σ_k ρ_k·c^k`.
//!
//! The verifier checks `c·B + A = Σ f_j·G_j + z_A·H` and `c·C + D = Σ f_j(c − f_j)·G_j +
//! z_C·H` (so each ℓ_j is a bit), and `Σ_i p_i(c)·Y_i − Σ_k c^k·G_k = z·U` with
//! `p_i(c) = Π_j f_{j,i_j}`, `f_{j,0} = c − f_j`. As `Σ_i p_i(c) = Π_j c = c^n`, that is
//! `c^n·X' − Σ_i p_i(c)·X_i − Σ_k c^k·G_k − z·U = 0`: one MSM over the N keys. When
//! N < 2^n, the indexes N..2^n stand for the last key (their coefficients are added to its),
//! so every index the proof can open is an accepted key.

use super::accepted::AcceptedIssuers;
use super::issuer_key::u_generator;
use super::randomized::RandomizedKey;
use crate::error::{Error, Result};
use crate::generators::{create_generators, Generators};
use crate::hash::random_scalar;
use crate::octets::{
    g1_from_bytes_nonidentity, g1_to_bytes, scalar_from_bytes, scalar_to_bytes, G1_LEN, SCALAR_LEN,
};
use crate::suite::{Ciphersuite, Interface};
use ark_bls12_381::{Fr, G1Affine, G1Projective};
use ark_ec::{AffineRepr, VariableBaseMSM};
use ark_ff::{AdditiveGroup, Field, One, Zero};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};
use zkcred_pairing::{fixed_base_sum, normalize, small_msm};

/// The most bits n a proof may have: sets of up to 2^16 keys.
pub const MAX_BITS: usize = 16;

/// The bits n of a set of `count` keys: max(1, ⌈log2 count⌉).
pub fn bits_for(count: usize) -> usize {
    (usize::BITS - count.saturating_sub(1).leading_zeros()).max(1) as usize
}

/// `H, G_1..G_MAX_BITS`: the suite's `create_generators` with api_id || "ISSUER_HIDING_OOM_"
/// in place of api_id (own seed and DSTs: nobody knows a relation between them, U or the BBS
/// generators). Index 0 is H.
pub fn oom_generators(suite: Ciphersuite) -> Result<Generators> {
    let api_id = [&suite.api_id(Interface::Core)[..], b"ISSUER_HIDING_OOM_"].concat();
    create_generators(suite, &api_id, MAX_BITS + 1)
}

/// B, A, C, D, G_0..G_{n−1} and the responses f_1..f_n, z_A, z_C, z, for a set of N keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOfManyProof {
    count: usize,
    /// B, A, C, D.
    commitments: [G1Affine; 4],
    /// G_0..G_{n−1}.
    g: Vec<G1Affine>,
    /// f_1..f_n.
    f: Vec<Fr>,
    /// z_A, z_C, z.
    z: [Fr; 3],
}

/// The prover's state between commitments and responses; zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct OneOfManyProver {
    count: usize,
    /// ℓ_j as 0 or 1.
    bits: Vec<Fr>,
    a: Vec<Fr>,
    /// r_A, r_B, r_C, r_D.
    r: [Fr; 4],
    rho: Fr,
    rho_k: Vec<Fr>,
    #[zeroize(skip)]
    public: PublicPart,
}

#[derive(Clone)]
struct PublicPart {
    commitments: [G1Affine; 4],
    g: Vec<G1Affine>,
}

impl OneOfManyProver {
    /// The commitments B, A, C, D, G_k (encoded, concatenated) for the set `accepted` and the
    /// holder's key (W', X'), `real` the index ℓ whose witness is ρ.
    pub(crate) fn commit<R: RngCore + CryptoRng>(
        accepted: &AcceptedIssuers,
        real: usize,
        rho: Fr,
        rng: &mut R,
    ) -> Result<(Self, Vec<u8>)> {
        let count = accepted.len();
        if real >= count {
            return Err(Error::IssuerIndex { index: real, count });
        }
        let n = bits_for(count);
        let gens = oom_generators(accepted.suite())?;
        let bits: Vec<Fr> = (0..n).map(|j| Fr::from(((real >> j) & 1) as u64)).collect();
        let a: Vec<Fr> = (0..n).map(|_| random_scalar(rng)).collect();
        let r = [(); 4].map(|_| random_scalar(rng));
        let rho_k: Vec<Fr> = (0..n).map(|_| random_scalar(rng)).collect();
        let commit = |values: &mut dyn Iterator<Item = Fr>, blinding: Fr| {
            let terms = values.zip(&gens[1..]).map(|(v, g)| (g.table(), v));
            fixed_base_sum(terms.chain([(gens[0].table(), blinding)]))
        };
        let b = commit(&mut bits.iter().copied(), r[1]);
        let a_c = commit(&mut a.iter().copied(), r[0]);
        let cross = bits
            .iter()
            .zip(&a)
            .map(|(l, a)| *a * (Fr::one() - l.double()));
        let c = commit(&mut cross.into_iter(), r[2]);
        let d = commit(&mut a.iter().map(|a| -a.square()), r[3]);
        let g = offset_commitments(accepted, &bits, &a, &rho_k);
        let points = normalize(&[&[b, a_c, c, d][..], &g].concat());
        let public = PublicPart {
            commitments: [points[0], points[1], points[2], points[3]],
            g: points[4..].to_vec(),
        };
        let encoded = encode(&public.commitments, &public.g);
        Ok((
            Self {
                count,
                bits,
                a,
                r,
                rho,
                rho_k,
                public,
            },
            encoded,
        ))
    }

    /// f_j = ℓ_j·c + a_j, z_A = r_B·c + r_A, z_C = r_C·c + r_D, z = ρ·c^n − Σ ρ_k·c^k.
    pub(crate) fn respond(self, c: Fr) -> OneOfManyProof {
        let f = self.bits.iter().zip(&self.a).map(|(l, a)| *l * c + a);
        let mut z = self.rho * c.pow([self.bits.len() as u64]);
        let mut power = Fr::one();
        for rho_k in &self.rho_k {
            z -= *rho_k * power;
            power *= c;
        }
        OneOfManyProof {
            count: self.count,
            commitments: self.public.commitments,
            g: self.public.g.clone(),
            f: f.collect(),
            z: [self.r[1] * c + self.r[0], self.r[2] * c + self.r[3], z],
        }
    }
}

/// G_k = Σ_i p_{i,k}·Y_i + ρ_k·U = −Σ_i p_{i,k}·X_i + ρ_k·U (as Σ_i p_{i,k} = 0 for k < n:
/// the X' terms cancel), one MSM over the N keys per k.
fn offset_commitments(
    accepted: &AcceptedIssuers,
    bits: &[Fr],
    a: &[Fr],
    rho_k: &[Fr],
) -> Vec<G1Projective> {
    let n = bits.len();
    let polys = fold(prover_polynomials(bits, a), n + 1, accepted.len());
    let xs: Vec<G1Affine> = accepted.keys().iter().map(|k| *k.x()).collect();
    let u = u_generator(accepted.suite());
    (0..n)
        .map(|k| {
            let column: Vec<Fr> = polys.chunks_exact(n + 1).map(|p| -p[k]).collect();
            G1Projective::msm_unchecked(&xs, &column) + fixed_base_sum([(u.table(), rho_k[k])])
        })
        .collect()
}

/// p_i(x) = Π_j f_{j,i_j}(x) for i < 2^n, coefficients flat (i·(n+1) + k), built bit by bit:
/// p for bit j set is p·f_{j,1}, for bit j clear p·f_{j,0}, with f_{j,1} = ℓ_j·x + a_j,
/// f_{j,0} = (1 − ℓ_j)·x − a_j. The bits are multiplied, never branched on.
fn prover_polynomials(bits: &[Fr], a: &[Fr]) -> Vec<Fr> {
    let n = bits.len();
    let stride = n + 1;
    let mut polys = vec![Fr::zero(); (1 << n) * stride];
    polys[0] = Fr::one();
    for (j, (l, a)) in bits.iter().zip(a).enumerate() {
        let half = 1 << j;
        let one = [*l, *a];
        let zero = [Fr::one() - l, -*a];
        for i in 0..half {
            let src: Vec<Fr> = polys[i * stride..i * stride + j + 1].to_vec();
            times_linear(
                &src,
                one,
                &mut polys[(i + half) * stride..(i + half + 1) * stride],
            );
            times_linear(&src, zero, &mut polys[i * stride..(i + 1) * stride]);
        }
    }
    polys
}

/// out = src·(x_coef·x + constant), out[k] = constant·src[k] + x_coef·src[k−1].
fn times_linear(src: &[Fr], [x_coef, constant]: [Fr; 2], out: &mut [Fr]) {
    for (k, o) in out.iter_mut().enumerate().take(src.len() + 1) {
        let low = src.get(k).map_or(Fr::zero(), |s| constant * s);
        let high = k.checked_sub(1).map_or(Fr::zero(), |k1| x_coef * src[k1]);
        *o = low + high;
    }
}

/// Adds rows N..2^n (each `stride` wide) onto row N − 1 and drops them.
fn fold(mut rows: Vec<Fr>, stride: usize, count: usize) -> Vec<Fr> {
    let (kept, extra) = rows.split_at_mut(count * stride);
    let last = &mut kept[(count - 1) * stride..];
    for row in extra.chunks_exact(stride) {
        for (l, v) in last.iter_mut().zip(row) {
            *l += v;
        }
    }
    rows.truncate(count * stride);
    rows
}

/// p_i(c) = Π_j f_{j,i_j} for i < 2^n (f_{j,1} = f_j, f_{j,0} = c − f_j), folded to N.
fn verifier_products(f: &[Fr], c: Fr, count: usize) -> Vec<Fr> {
    let mut values = vec![Fr::zero(); 1 << f.len()];
    values[0] = Fr::one();
    for (j, fj) in f.iter().enumerate() {
        let half = 1 << j;
        let other = c - fj;
        for i in 0..half {
            let v = values[i];
            values[i + half] = v * fj;
            values[i] = v * other;
        }
    }
    fold(values, 1, count)
}

impl OneOfManyProof {
    /// N, the size of the set the proof is for.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Never true for a decoded or generated proof.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Encoded length for N keys: (4 + n)·48 + (n + 3)·32 bytes, n = [`bits_for`]`(N)`.
    pub fn encoded_len(count: usize) -> usize {
        let n = bits_for(count);
        (4 + n) * G1_LEN + (n + 3) * SCALAR_LEN
    }

    /// B || A || C || D || G_0..G_{n−1} || f_1..f_n || z_A || z_C || z.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = encode(&self.commitments, &self.g);
        for s in self.f.iter().chain(&self.z) {
            out.extend_from_slice(&scalar_to_bytes(s));
        }
        out
    }

    /// A proof for N keys from exactly [`Self::encoded_len`]`(N)` bytes (N checked by the
    /// caller, n ≤ [`MAX_BITS`]): points in G1 and not the identity, scalars in [1, r−1].
    pub fn from_bytes(bytes: &[u8], count: usize) -> Result<Self> {
        let n = bits_for(count);
        if count == 0 || n > MAX_BITS {
            return Err(Error::IssuerCount {
                max: 1 << MAX_BITS,
                got: count,
            });
        }
        if bytes.len() != Self::encoded_len(count) {
            return Err(Error::InvalidLength {
                what: "one-out-of-many proof",
                expected: Self::encoded_len(count),
                got: bytes.len(),
            });
        }
        let (points, scalars) = bytes.split_at((4 + n) * G1_LEN);
        let points = points
            .chunks_exact(G1_LEN)
            .map(|p| g1_from_bytes_nonidentity(p, "one-out-of-many commitment"))
            .collect::<Result<Vec<G1Affine>>>()?;
        let mut scalars = scalars
            .chunks_exact(SCALAR_LEN)
            .map(|s| scalar_from_bytes(s, "one-out-of-many response"))
            .collect::<Result<Vec<Fr>>>()?;
        let z = scalars.split_off(n);
        Ok(Self {
            count,
            commitments: [points[0], points[1], points[2], points[3]],
            g: points[4..].to_vec(),
            f: scalars,
            z: [z[0], z[1], z[2]],
        })
    }

    /// The verifier's side: the three equations under c (else [`Error::MembershipFailed`]),
    /// then B, A, C, D, G_k encoded to hash into the challenge.
    pub(crate) fn commitments(
        &self,
        key: &RandomizedKey,
        accepted: &AcceptedIssuers,
        c: &Fr,
    ) -> Result<Vec<u8>> {
        if self.count != accepted.len() {
            return Err(Error::IssuerSetMismatch {
                expected: accepted.len(),
                got: self.count,
            });
        }
        let gens = oom_generators(accepted.suite())?;
        if !(self.bits_hold(&gens, c) && self.offsets_hold(key, accepted, c)) {
            return Err(Error::MembershipFailed);
        }
        Ok(encode(&self.commitments, &self.g))
    }

    /// c·B + A = Σ f_j·G_j + z_A·H and c·C + D = Σ f_j(c − f_j)·G_j + z_C·H.
    fn bits_hold(&self, gens: &Generators, c: &Fr) -> bool {
        let [b, a, cross, d] = self.commitments.map(|p| p.into_group());
        let opened = |values: &mut dyn Iterator<Item = Fr>, blinding: Fr| {
            let terms = values.zip(&gens[1..]).map(|(v, g)| (g.table(), v));
            fixed_base_sum(terms.chain([(gens[0].table(), blinding)]))
        };
        let bits = small_msm(&[b], &[*c]) + a - opened(&mut self.f.iter().copied(), self.z[0]);
        let products = self.f.iter().map(|f| *f * (*c - f));
        let squares = small_msm(&[cross], &[*c]) + d - opened(&mut products.into_iter(), self.z[1]);
        bits.is_zero() && squares.is_zero()
    }

    /// c^n·X' − Σ_i p_i(c)·X_i − Σ_k c^k·G_k − z·U = 0, one MSM of N + n + 2 points.
    fn offsets_hold(&self, key: &RandomizedKey, accepted: &AcceptedIssuers, c: &Fr) -> bool {
        let products = verifier_products(&self.f, *c, self.count);
        let n = self.f.len();
        let mut bases: Vec<G1Affine> = Vec::with_capacity(self.count + n + 2);
        let mut scalars: Vec<Fr> = Vec::with_capacity(self.count + n + 2);
        for (k, p) in accepted.keys().iter().zip(products) {
            bases.push(*k.x());
            scalars.push(-p);
        }
        let mut power = Fr::one();
        for g in &self.g {
            bases.push(*g);
            scalars.push(-power);
            power *= c;
        }
        bases.extend([*key.x(), *u_generator(accepted.suite()).point()]);
        scalars.extend([power, -self.z[2]]);
        G1Projective::msm_unchecked(&bases, &scalars).is_zero()
    }
}

fn encode(commitments: &[G1Affine; 4], g: &[G1Affine]) -> Vec<u8> {
    let mut out = Vec::with_capacity((4 + g.len()) * G1_LEN);
    for p in commitments.iter().chain(g) {
        out.extend_from_slice(&g1_to_bytes(p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_cover_the_set() {
        for (count, n) in [
            (1, 1),
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 3),
            (13, 4),
            (64, 6),
            (65, 7),
        ] {
            assert_eq!(bits_for(count), n, "{count}");
        }
        assert_eq!(bits_for(4096), 12);
        assert_eq!(bits_for(1 << MAX_BITS), MAX_BITS);
    }

    /// The prover's polynomials evaluated at x equal the verifier's products, and only the
    /// real index has degree n (leading coefficient 1), for every real index of a padded set.
    #[test]
    fn polynomials_match_products() {
        use ark_ff::UniformRand;
        let rng = &mut ark_std::test_rng();
        let (count, n) = (5, 3);
        for real in 0..count {
            let bits: Vec<Fr> = (0..n).map(|j| Fr::from(((real >> j) & 1) as u64)).collect();
            let a: Vec<Fr> = (0..n).map(|_| Fr::rand(rng)).collect();
            let x = Fr::rand(rng);
            let polys = fold(prover_polynomials(&bits, &a), n + 1, count);
            let f: Vec<Fr> = bits.iter().zip(&a).map(|(l, a)| *l * x + a).collect();
            let products = verifier_products(&f, x, count);
            for (i, p) in polys.chunks_exact(n + 1).enumerate() {
                let at_x = p.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
                assert_eq!(at_x, products[i], "index {i}");
                let leading = if i == real { Fr::one() } else { Fr::zero() };
                assert_eq!(p[n], leading, "index {i}, real {real}");
            }
            let sum: Fr = products.iter().sum();
            assert_eq!(sum, x.pow([n as u64]));
        }
    }
}
