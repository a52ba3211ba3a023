//! The tight range check: `x ∈ [0, 2^n)` with exactly `n` boolean witnesses, `n <= 64`.
//!
//! Constraints: `b_i·(1 − b_i) = 0` for each of the `n` bits, and `Σ b_i·2^i = x`; `n + 1` in
//! all. Since `Σ b_i·2^i <= 2^n − 1 < r` (the BLS12-381 scalar field order, ≈ 2^255), the sum
//! never wraps modulo `r`: the constraints hold exactly when the canonical integer of `x` is
//! below `2^n`, and the bits are then unique. A full-width decomposition (255 bits, like an
//! unchecked `Num2Bits(255)`, the aliasing found in iden3's circomlib audit) would also accept
//! the bits of `x + r`; this gadget refuses widths above [`MAX_RANGE_BITS`] and never calls
//! `to_bits_le` on a field element.

use ark_bls12_381::Fr;
use ark_ff::{AdditiveGroup, BigInteger, Field, PrimeField};
use ark_r1cs_std::{
    alloc::AllocVar, boolean::Boolean, eq::EqGadget, fields::fp::FpVar, fields::FieldVar, GR1CSVar,
};
use ark_relations::gr1cs::SynthesisError;

/// Widest supported range check. Soundness needs only `2^n` far below `r`; 64 bits cover every
/// encoded attribute, and refusing more keeps full-width (aliasing) decompositions out.
pub const MAX_RANGE_BITS: u32 = 64;

/// Constraints of one `n`-bit range check: `n + 1`.
pub const fn range_check_constraints(n: u32) -> usize {
    n as usize + 1
}

/// Enforces `x ∈ [0, 2^n)` (`n + 1` constraints); returns the bits, least significant first.
///
/// The bit witnesses are the low `n` bits of the canonical integer of `x`; if `x >= 2^n` they
/// cannot sum to `x`, so the system is unsatisfied (no error, no panic). Errors with
/// `Unsatisfiable` for `n` outside `1..=MAX_RANGE_BITS`.
pub fn enforce_range(x: &FpVar<Fr>, n: u32) -> Result<Vec<Boolean<Fr>>, SynthesisError> {
    check_width(n)?;
    let cs = x.cs();
    // In setup mode there is no value; the closures below are then never called.
    let value = x.value().ok().map(|v| v.into_bigint());
    let bits = (0..n as usize)
        .map(|i| {
            Boolean::new_witness(cs.clone(), || {
                value
                    .map(|v| v.get_bit(i))
                    .ok_or(SynthesisError::AssignmentMissing)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    enforce_composition(x, &bits)?;
    Ok(bits)
}

/// Enforces `Σ b_i·2^i = x` for already allocated booleans `bits` (1 constraint).
///
/// Together with the booleanity of `bits` this is the range check; exposed so tests can feed
/// adversarial bit patterns. Errors with `Unsatisfiable` unless `1 <= bits.len() <= 64`.
pub fn enforce_composition(x: &FpVar<Fr>, bits: &[Boolean<Fr>]) -> Result<(), SynthesisError> {
    let n = u32::try_from(bits.len()).map_err(|_| SynthesisError::Unsatisfiable)?;
    check_width(n)?;
    let mut sum = FpVar::<Fr>::zero();
    let mut power = Fr::ONE;
    for b in bits {
        sum += FpVar::from(b.clone()) * power;
        power.double_in_place();
    }
    sum.enforce_equal(x)
}

fn check_width(n: u32) -> Result<(), SynthesisError> {
    if (1..=MAX_RANGE_BITS).contains(&n) {
        Ok(())
    } else {
        Err(SynthesisError::Unsatisfiable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_relations::gr1cs::{ConstraintSystem, ConstraintSystemRef};

    const N: u32 = 8;

    fn r_minus(k: u64) -> Fr {
        -Fr::from(k)
    }

    /// A system with input `x` and the `N` bits given, range-checked.
    fn with_bits(x: Fr, pattern: u64, width: usize) -> ConstraintSystemRef<Fr> {
        let cs = ConstraintSystem::<Fr>::new_ref();
        let xv = FpVar::new_input(cs.clone(), || Ok(x)).unwrap();
        let bits: Vec<_> = (0..width)
            .map(|i| Boolean::new_witness(cs.clone(), || Ok((pattern >> i) & 1 == 1)).unwrap())
            .collect();
        enforce_composition(&xv, &bits).unwrap();
        cs
    }

    /// Exhaustive over all 2^8 bit patterns: an in-range value has exactly one satisfying
    /// decomposition, and no pattern at all satisfies an out-of-range or aliasing value.
    #[test]
    fn eight_bit_check_is_tight_exhaustively() {
        let cases: [(Fr, usize); 9] = [
            (Fr::from(0u64), 1),
            (Fr::from(200u64), 1),
            (Fr::from(255u64), 1),
            (Fr::from(256u64), 0),
            (r_minus(1), 0),  // "-1": a negative difference
            (r_minus(56), 0), // r − 56 ≡ 200 − 256: a wrapped difference
            (Fr::from(511u64), 0),
            (Fr::from(200u64) + Fr::from(1u64 << 32), 0),
            (Fr::from(u64::MAX), 0),
        ];
        for (x, expected) in cases {
            let satisfying = (0..1u64 << N)
                .filter(|&p| with_bits(x, p, N as usize).is_satisfied().unwrap())
                .count();
            assert_eq!(satisfying, expected, "value {x}");
        }
    }

    /// What a full-width (255-bit) decomposition without a `< r` check allows: the bits of the
    /// integer `1 + r` "decompose" the value 1. Our gadget refuses such widths.
    #[test]
    fn full_width_decomposition_would_alias_and_is_refused() {
        let cs = ConstraintSystem::<Fr>::new_ref();
        let one = FpVar::new_input(cs.clone(), || Ok(Fr::ONE)).unwrap();
        let mut aliased = Fr::MODULUS;
        aliased.add_with_carry(&<Fr as PrimeField>::BigInt::from(1u64));
        let bits: Vec<_> = (0..255)
            .map(|i| Boolean::new_witness(cs.clone(), || Ok(aliased.get_bit(i))).unwrap())
            .collect();
        // Naive composition, as an unchecked Num2Bits(255) would do it.
        let mut sum = FpVar::<Fr>::zero();
        let mut power = Fr::ONE;
        for b in &bits {
            sum += FpVar::from(b.clone()) * power;
            power.double_in_place();
        }
        sum.enforce_equal(&one).unwrap();
        assert!(cs.is_satisfied().unwrap(), "full width aliases");
        // The gadget rejects that width outright.
        assert_eq!(
            enforce_composition(&one, &bits),
            Err(SynthesisError::Unsatisfiable)
        );
        assert_eq!(
            enforce_range(&one, 65).err(),
            Some(SynthesisError::Unsatisfiable)
        );
        assert_eq!(
            enforce_range(&one, 0).err(),
            Some(SynthesisError::Unsatisfiable)
        );
    }

    /// The honest 64- and 32-bit checks: edges pass, one past fails, "negative" fails.
    #[test]
    fn honest_range_checks_at_the_edges() {
        let check = |x: Fr, n: u32| {
            let cs = ConstraintSystem::<Fr>::new_ref();
            let xv = FpVar::new_input(cs.clone(), || Ok(x)).unwrap();
            enforce_range(&xv, n).unwrap();
            assert_eq!(cs.num_constraints(), range_check_constraints(n));
            cs.is_satisfied().unwrap()
        };
        assert!(check(Fr::from(u64::MAX), 64));
        assert!(check(Fr::from(0u64), 64));
        assert!(!check(Fr::from(u64::MAX) + Fr::ONE, 64));
        assert!(!check(r_minus(1), 64));
        assert!(check(Fr::from(u32::MAX), 32));
        assert!(!check(Fr::from(1u64 << 32), 32));
        assert!(!check(r_minus(1), 32));
    }

    #[test]
    fn setup_mode_needs_no_value() {
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_mode(ark_relations::gr1cs::SynthesisMode::Setup);
        let xv = FpVar::new_input(cs.clone(), || {
            Err::<Fr, _>(SynthesisError::AssignmentMissing)
        })
        .unwrap();
        enforce_range(&xv, 32).unwrap();
        assert_eq!(cs.num_constraints(), 33);
    }
}
