//! The random weights of a merged check: independent, uniform in [1, 2^128 − 1], from the
//! caller's cryptographic RNG (see the crate docs for why 128 bits and why unpredictable).

use ark_bls12_381::Fr;
use rand_core::{CryptoRng, RngCore};

/// `n` independent uniform weights in [1, 2^128 − 1].
pub fn random_weights<R: RngCore + CryptoRng>(n: usize, rng: &mut R) -> Vec<Fr> {
    (0..n).map(|_| random_weight(rng)).collect()
}

/// One uniform weight in [1, 2^128 − 1] (a zero draw is drawn again).
pub fn random_weight<R: RngCore + CryptoRng>(rng: &mut R) -> Fr {
    loop {
        let mut b = [0u8; 16];
        rng.fill_bytes(&mut b);
        let w = u128::from_le_bytes(b);
        if w != 0 {
            return Fr::from(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::{BigInteger, PrimeField, Zero};

    /// Zeros for the first `zeros` bytes, then 0xff.
    struct Stuck {
        zeros: usize,
    }

    impl RngCore for Stuck {
        fn next_u32(&mut self) -> u32 {
            rand_core::impls::next_u32_via_fill(self)
        }
        fn next_u64(&mut self) -> u64 {
            rand_core::impls::next_u64_via_fill(self)
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            for b in dest {
                *b = if self.zeros > 0 { 0 } else { 0xff };
                self.zeros = self.zeros.saturating_sub(1);
            }
        }
        fn try_fill_bytes(
            &mut self,
            dest: &mut [u8],
        ) -> core::result::Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl CryptoRng for Stuck {}

    #[test]
    fn weights_are_nonzero_and_128_bit() {
        // A zero draw is redrawn.
        let w = random_weights(2, &mut Stuck { zeros: 32 });
        assert_eq!(w, vec![Fr::from(u128::MAX); 2]);
        let w = random_weights(100, &mut rand::thread_rng());
        assert!(w
            .iter()
            .all(|w| !w.is_zero() && w.into_bigint().num_bits() <= 128));
    }
}
