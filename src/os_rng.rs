//! Randomness for the weights of merged checks when the caller gives no RNG: a ChaCha20
//! stream seeded by the operating system (`rand_core::OsRng`). The weights only make a merged
//! check sound (errors cannot cancel); nothing secret depends on them.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use zkcred_pairing::Deferred;

/// ChaCha20 seeded by the operating system; `None` if it has no randomness to give.
pub(crate) fn os_seeded_rng() -> Option<ChaCha20Rng> {
    let mut seed = [0u8; 32];
    rand_core::OsRng.try_fill_bytes(&mut seed).ok()?;
    Some(ChaCha20Rng::from_seed(seed))
}

/// Every deferred equation in one merged check with OS-seeded weights
/// ([`Deferred::check`]); without OS randomness, each alone ([`Deferred::check_each`]). The
/// same error either way: the first equation, in check order, that fails.
pub(crate) fn check_deferred<E>(deferred: Deferred<'_, E>) -> Result<(), E> {
    match os_seeded_rng() {
        Some(mut rng) => deferred.check(&mut rng),
        None => deferred.check_each(),
    }
}
