//! `Verifier::verify_json` on arbitrary presentation text against a fixed request (an age
//! predicate and a disclosed name, see `world.rs`): never a panic, whatever the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zkcred::credential::{PresentationRequest, Verifier};

#[path = "world.rs"]
mod world;

struct Fixture {
    request: PresentationRequest,
    verifier: Verifier,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let w = world::build();
        Fixture {
            verifier: world::verifier(&w),
            request: w.request,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let f = fixture();
    let text = String::from_utf8_lossy(data);
    let _ = f
        .verifier
        .verify_json(&f.request, &text, Some(world::now()));
});
