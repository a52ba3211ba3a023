//! `docs/FORMATS.md` is true of the documents only the packages write: the sealed wallet
//! (field table, version, lowercase hex, field order), checked as `tests/formats.rs` checks
//! the library's documents.

#[path = "../../../tests/formats_md/mod.rs"]
mod formats_md;

use formats_md::Formats;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use zkcred_bindings_core::{holder, vault};

#[test]
fn the_sealed_wallet_matches_formats_md() {
    let formats = Formats::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/FORMATS.md"
    ));
    let rng = &mut ChaCha20Rng::seed_from_u64(3);
    let wallet = holder::new_wallet(rng).unwrap();
    let mut check = formats.checker();
    check.document(
        "Sealed wallet",
        &vault::seal(&wallet, "passphrase", rng).unwrap(),
    );
    check.finish(&["Sealed wallet"]);
}
