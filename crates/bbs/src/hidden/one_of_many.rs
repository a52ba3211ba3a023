//! The one-out-of-many proof of knowledge of ρ with `Y_ℓ = ρ·U` for one ℓ < N,
//! `Y_i = X' − X_i`, in O(log N) group elements, under a challenge c shared with the BBS proof:
//! J. Groth, M. Kohlweiss, "One-out-of-Many Proofs: Or How to Leak a Secret and Spend a
//! Coin", EUROCRYPT 2015, in the base-m form of J. Bootle, A. Cerulli, P. Chaidos,
//! E. Ghadafi, J. Groth, C. Petit, "Short Accountable Ring Signatures Based on DDH",
//! ESORICS 2015 (one vector commitment per role), with m = [`BASE`] = 4.
//!
//! ℓ has n = max(1, ⌈log_m N⌉) digits ℓ_j; δ_{j,t} = [ℓ_j = t]. With Pedersen vector
//! commitments under generators `G_{j,t}, H` ([`oom_generators`]), a_{j,t} random for t ≥ 1
//! and a_{j,0} = −Σ_{t≥1} a_{j,t}:
//!
//! * `B = Σ δ_{j,t}·G_{j,t} + r_B·H`, `A = Σ a_{j,t}·G_{j,t} + r_A·H`,
//!   `C = Σ a_{j,t}(1 − 2δ_{j,t})·G_{j,t} + r_C·H`, `D = Σ −a_{j,t}²·G_{j,t} + r_D·H`;
//! * `f_{j,t}(x) = δ_{j,t}·x + a_{j,t}` and `p_i(x) = Π_j f_{j,i_j}(x) = δ_{iℓ}·x^n +
//!   Σ_{k<n} p_{i,k}·x^k` (i_j the digits of i); `G_k = Σ_i p_{i,k}·Y_i + ρ_k·U` (k < n);
//! * responses `f_{j,t} = δ_{j,t}·c + a_{j,t}` for t ≥ 1, `z_A = r_B·c + r_A`,
//!   `z_C = r_C·c + r_D`, `z = ρ·c^n − Σ_k ρ_k·c^k`.
//!
//! The verifier sets `f_{j,0} = c − Σ_{t≥1} f_{j,t}` and checks `c·B + A = Σ f_{j,t}·G_{j,t} +
//! z_A·H` and `c·C + D = Σ f_{j,t}(c − f_{j,t})·G_{j,t} + z_C·H` (so each δ_{j,t} is a bit
//! and each digit has exactly one), and `Σ_i p_i(c)·Y_i − Σ_k c^k·G_k = z·U` with
//! `p_i(c) = Π_j f_{j,i_j}`. As `Σ_i p_i(c) = Π_j Σ_t f_{j,t} = c^n`, that is
//! `c^n·X' − Σ_i p_i(c)·X_i − Σ_k c^k·G_k − z·U = 0`: one MSM over the N keys. When
//! N < m^n, the indexes N..m^n stand for the last key (their coefficients are added to its),
//! so every index the proof can open is an accepted key. The prover's work is n MSMs of N
//! points (base 4 halves base 2's count), the verifier's one.

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
use ark_ec::AffineRepr;
use ark_ff::{AdditiveGroup, Field, One, Zero};
use rand_core::{CryptoRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};
use zkcred_pairing::{fixed_base_sum, msm, normalize, small_msm};

/// The base m of the index's digits.
pub const BASE: usize = 4;

/// The most digits n a proof may have: sets of up to 4^8 = 65,536 keys.
pub const MAX_DIGITS: usize = 8;

/// The digits n of a set of `count` keys: max(1, ⌈log_4 count⌉).
pub fn digits_for(count: usize) -> usize {
    let mut n = 1;
    let mut size = BASE;
    while size < count {
        n += 1;
        size = size.saturating_mul(BASE);
    }
    n
}

/// `H, G_{0,0}..G_{MAX_DIGITS−1, BASE−1}`: the suite's `create_generators` with api_id ||
/// "ISSUER_HIDING_OOM_" in place of api_id (own seed and DSTs: nobody knows a relation
/// between them, U or the BBS generators). Index 0 is H, G_{j,t} is index 1 + j·BASE + t.
pub fn oom_generators(suite: Ciphersuite) -> Result<Generators> {
    let api_id = [&suite.api_id(Interface::Core)[..], b"ISSUER_HIDING_OOM_"].concat();
    create_generators(suite, &api_id, 1 + MAX_DIGITS * BASE)
}

/// Σ v_{j,t}·G_{j,t} + blinding·H over the first `values.len()` generators G.
fn vector_commit(gens: &Generators, values: &[Fr], blinding: Fr) -> G1Projective {
    let terms = values.iter().zip(&gens[1..]).map(|(v, g)| (g.table(), *v));
    fixed_base_sum(terms.chain([(gens[0].table(), blinding)]))
}

/// B, A, C, D, G_0..G_{n−1} and the responses f_{j,t} (t ≥ 1), z_A, z_C, z, for N keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneOfManyProof {
    count: usize,
    /// B, A, C, D.
    commitments: [G1Affine; 4],
    /// G_0..G_{n−1}.
    g: Vec<G1Affine>,
    /// f_{j,t} for j < n, 1 ≤ t < BASE, row by row.
    f: Vec<Fr>,
    /// z_A, z_C, z.
    z: [Fr; 3],
}

/// The prover's state between commitments and responses; zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct OneOfManyProver {
    count: usize,
    /// δ_{j,t} as 0 or 1, row by row (n·BASE).
    delta: Vec<Fr>,
    /// a_{j,t}, row by row (n·BASE), a_{j,0} = −Σ_{t≥1} a_{j,t}.
    a: Vec<Fr>,
    /// r_A, r_B, r_C, r_D.
    r: [Fr; 4],
    rho: Fr,
    rho_k: Vec<Fr>,
    /// B, A, C, D (public).
    #[zeroize(skip)]
    commitments: [G1Affine; 4],
    /// G_0..G_{n−1} (public).
    #[zeroize(skip)]
    g: Vec<G1Affine>,
}

impl OneOfManyProver {
    /// The commitments B, A, C, D, G_k (encoded, concatenated) for the set `accepted`, `real`
    /// the index ℓ whose witness is ρ.
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
        let n = digits_for(count);
        let gens = oom_generators(accepted.suite())?;
        let delta = one_hot_digits(real, n);
        let a = digit_masks(n, rng);
        let r = [(); 4].map(|_| random_scalar(rng));
        let rho_k: Vec<Fr> = (0..n).map(|_| random_scalar(rng)).collect();
        let cross: Vec<Fr> = delta
            .iter()
            .zip(&a)
            .map(|(d, a)| *a * (Fr::one() - d.double()))
            .collect();
        let squares: Vec<Fr> = a.iter().map(|a| -a.square()).collect();
        let b = vector_commit(&gens, &delta, r[1]);
        let a_c = vector_commit(&gens, &a, r[0]);
        let c = vector_commit(&gens, &cross, r[2]);
        let d = vector_commit(&gens, &squares, r[3]);
        let offsets = offset_commitments(accepted, &delta, &a, &rho_k);
        let points = normalize(&[&[b, a_c, c, d][..], &offsets].concat());
        let commitments = [points[0], points[1], points[2], points[3]];
        let g = points[4..].to_vec();
        let encoded = encode(&commitments, &g);
        Ok((
            Self {
                count,
                delta,
                a,
                r,
                rho,
                rho_k,
                commitments,
                g,
            },
            encoded,
        ))
    }

    /// f_{j,t} = δ_{j,t}·c + a_{j,t} (t ≥ 1), z_A = r_B·c + r_A, z_C = r_C·c + r_D,
    /// z = ρ·c^n − Σ ρ_k·c^k.
    pub(crate) fn respond(self, c: Fr) -> OneOfManyProof {
        let f = self
            .delta
            .iter()
            .zip(&self.a)
            .enumerate()
            .filter(|(i, _)| i % BASE != 0)
            .map(|(_, (d, a))| *d * c + a);
        let mut z = self.rho * c.pow([self.rho_k.len() as u64]);
        let mut power = Fr::one();
        for rho_k in &self.rho_k {
            z -= *rho_k * power;
            power *= c;
        }
        OneOfManyProof {
            count: self.count,
            commitments: self.commitments,
            g: self.g.clone(),
            f: f.collect(),
            z: [self.r[1] * c + self.r[0], self.r[2] * c + self.r[3], z],
        }
    }
}

/// δ_{j,t} = [digit j of `real` = t], row by row. The digits are multiplied later, never
/// branched on; computing the 0/1 values compares small integers only.
fn one_hot_digits(real: usize, n: usize) -> Vec<Fr> {
    let mut out = Vec::with_capacity(n * BASE);
    let mut rest = real;
    for _ in 0..n {
        let digit = rest % BASE;
        rest /= BASE;
        out.extend((0..BASE).map(|t| Fr::from(u64::from(t == digit))));
    }
    out
}

/// a_{j,t} uniform for t ≥ 1 and a_{j,0} = −Σ_{t≥1} a_{j,t}, row by row.
fn digit_masks<R: RngCore + CryptoRng>(n: usize, rng: &mut R) -> Vec<Fr> {
    let mut out = Vec::with_capacity(n * BASE);
    for _ in 0..n {
        let row: Vec<Fr> = (1..BASE).map(|_| random_scalar(rng)).collect();
        out.push(-row.iter().sum::<Fr>());
        out.extend(row);
    }
    out
}

/// G_k = Σ_i p_{i,k}·Y_i + ρ_k·U = −Σ_i p_{i,k}·X_i + ρ_k·U (as Σ_i p_{i,k} = 0 for k < n:
/// the X' terms cancel), one MSM over the N keys per k.
fn offset_commitments(
    accepted: &AcceptedIssuers,
    delta: &[Fr],
    a: &[Fr],
    rho_k: &[Fr],
) -> Vec<G1Projective> {
    let n = rho_k.len();
    let polys = fold(prover_polynomials(delta, a), n + 1, accepted.len());
    let xs: Vec<G1Affine> = accepted.keys().iter().map(|k| *k.x()).collect();
    let u = u_generator(accepted.suite());
    (0..n)
        .map(|k| {
            let column: Vec<Fr> = polys.chunks_exact(n + 1).map(|p| -p[k]).collect();
            msm(&xs, &column) + fixed_base_sum([(u.table(), rho_k[k])])
        })
        .collect()
}

/// p_i(x) = Π_j f_{j,i_j}(x) for i < m^n, coefficients flat (i·(n+1) + k), built digit by
/// digit: the polynomial of prefix i spawns i + t·m^j = p·f_{j,t}, f_{j,t} = δ_{j,t}·x + a_{j,t}.
fn prover_polynomials(delta: &[Fr], a: &[Fr]) -> Vec<Fr> {
    let n = delta.len() / BASE;
    let stride = n + 1;
    let mut polys = vec![Fr::zero(); BASE.pow(n as u32) * stride];
    polys[0] = Fr::one();
    let mut size = 1;
    for j in 0..n {
        for i in 0..size {
            let src: Vec<Fr> = polys[i * stride..i * stride + j + 1].to_vec();
            // t = 0 last: it overwrites the source slot.
            for t in (0..BASE).rev() {
                let at = (i + t * size) * stride;
                let factor = [delta[j * BASE + t], a[j * BASE + t]];
                times_linear(&src, factor, &mut polys[at..at + stride]);
            }
        }
        size *= BASE;
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

/// Adds rows N.. (each `stride` wide) onto row N − 1 and drops them.
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

/// All f_{j,t}, row by row, from the sent t ≥ 1 ones: f_{j,0} = c − Σ_{t≥1} f_{j,t}.
fn full_rows(sent: &[Fr], c: Fr) -> Vec<Fr> {
    let mut out = Vec::with_capacity(sent.len() / (BASE - 1) * BASE);
    for row in sent.chunks_exact(BASE - 1) {
        out.push(c - row.iter().sum::<Fr>());
        out.extend_from_slice(row);
    }
    out
}

/// p_i(c) = Π_j f_{j,i_j} for i < m^n, folded to N.
fn verifier_products(f: &[Fr], count: usize) -> Vec<Fr> {
    let n = f.len() / BASE;
    let mut values = vec![Fr::zero(); BASE.pow(n as u32)];
    values[0] = Fr::one();
    let mut size = 1;
    for row in f.chunks_exact(BASE) {
        for i in 0..size {
            let v = values[i];
            for t in (0..BASE).rev() {
                values[i + t * size] = v * row[t];
            }
        }
        size *= BASE;
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

    /// Encoded length for N keys: (4 + n)·48 + (n·(m − 1) + 3)·32 bytes, n =
    /// [`digits_for`]`(N)`, m = [`BASE`].
    pub fn encoded_len(count: usize) -> usize {
        let n = digits_for(count);
        (4 + n) * G1_LEN + (n * (BASE - 1) + 3) * SCALAR_LEN
    }

    /// B || A || C || D || G_0..G_{n−1} || (f_{j,1}..f_{j,m−1})_j || z_A || z_C || z.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = encode(&self.commitments, &self.g);
        for s in self.f.iter().chain(&self.z) {
            out.extend_from_slice(&scalar_to_bytes(s));
        }
        out
    }

    /// A proof for N keys from exactly [`Self::encoded_len`]`(N)` bytes (N checked first,
    /// n ≤ [`MAX_DIGITS`]): points in G1 and not the identity, scalars in [1, r−1].
    pub fn from_bytes(bytes: &[u8], count: usize) -> Result<Self> {
        let n = digits_for(count);
        if count == 0 || n > MAX_DIGITS {
            return Err(Error::IssuerCount {
                max: BASE.pow(MAX_DIGITS as u32),
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
        let mut f = scalars
            .chunks_exact(SCALAR_LEN)
            .map(|s| scalar_from_bytes(s, "one-out-of-many response"))
            .collect::<Result<Vec<Fr>>>()?;
        let z = f.split_off(n * (BASE - 1));
        Ok(Self {
            count,
            commitments: [points[0], points[1], points[2], points[3]],
            g: points[4..].to_vec(),
            f,
            z: [z[0], z[1], z[2]],
        })
    }

    /// The verifier's side, for the set the proof's N was checked against
    /// ([`super::membership::MembershipProof::commitments`]): the three equations under c
    /// (else [`Error::MembershipFailed`]), then B, A, C, D, G_k encoded to hash into the
    /// challenge.
    pub(crate) fn commitments(
        &self,
        key: &RandomizedKey,
        accepted: &AcceptedIssuers,
        c: &Fr,
    ) -> Result<Vec<u8>> {
        let gens = oom_generators(accepted.suite())?;
        let f = full_rows(&self.f, *c);
        if !(self.digits_hold(&gens, &f, c) && self.offsets_hold(key, accepted, &f, c)) {
            return Err(Error::MembershipFailed);
        }
        Ok(encode(&self.commitments, &self.g))
    }

    /// c·B + A = Σ f_{j,t}·G_{j,t} + z_A·H and c·C + D = Σ f_{j,t}(c − f_{j,t})·G_{j,t} + z_C·H.
    fn digits_hold(&self, gens: &Generators, f: &[Fr], c: &Fr) -> bool {
        let [b, a, cross, d] = self.commitments.map(|p| p.into_group());
        let products: Vec<Fr> = f.iter().map(|f| *f * (*c - f)).collect();
        let bits = small_msm(&[b], &[*c]) + a - vector_commit(gens, f, self.z[0]);
        let squares = small_msm(&[cross], &[*c]) + d - vector_commit(gens, &products, self.z[1]);
        bits.is_zero() && squares.is_zero()
    }

    /// c^n·X' − Σ_i p_i(c)·X_i − Σ_k c^k·G_k − z·U = 0, one MSM of N + n + 2 points.
    fn offsets_hold(
        &self,
        key: &RandomizedKey,
        accepted: &AcceptedIssuers,
        f: &[Fr],
        c: &Fr,
    ) -> bool {
        let products = verifier_products(f, self.count);
        let n = self.g.len();
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
        msm(&bases, &scalars).is_zero()
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
    use ark_ff::UniformRand;
    use rand::SeedableRng;

    #[test]
    fn digits_cover_the_set() {
        for (count, n) in [
            (1, 1),
            (2, 1),
            (4, 1),
            (5, 2),
            (16, 2),
            (17, 3),
            (64, 3),
            (65, 4),
        ] {
            assert_eq!(digits_for(count), n, "{count}");
        }
        assert_eq!(digits_for(4096), 6);
        assert_eq!(digits_for(BASE.pow(MAX_DIGITS as u32)), MAX_DIGITS);
        assert_eq!(digits_for(usize::MAX), 32);
    }

    /// The prover's polynomials evaluated at x equal the verifier's products, and only the
    /// real index has degree n (leading coefficient 1), for every real index of a padded set;
    /// the products sum to x^n.
    #[test]
    fn polynomials_match_products() {
        let rng = &mut ark_std::test_rng();
        let count = 11; // n = 2, padded to 16
        let n = digits_for(count);
        for real in 0..count {
            let delta = one_hot_digits(real, n);
            let a = digit_masks(n, &mut rand_chacha::ChaCha20Rng::seed_from_u64(real as u64));
            let x = Fr::rand(rng);
            let polys = fold(prover_polynomials(&delta, &a), n + 1, count);
            let sent: Vec<Fr> = delta
                .iter()
                .zip(&a)
                .enumerate()
                .filter(|(i, _)| i % BASE != 0)
                .map(|(_, (d, a))| *d * x + a)
                .collect();
            let products = verifier_products(&full_rows(&sent, x), count);
            for (i, p) in polys.chunks_exact(n + 1).enumerate() {
                let at_x = p.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c);
                assert_eq!(at_x, products[i], "index {i}");
                let leading = if i == real { Fr::one() } else { Fr::zero() };
                assert_eq!(p[n], leading, "index {i}, real {real}");
            }
            assert_eq!(products.iter().sum::<Fr>(), x.pow([n as u64]));
        }
    }
}
