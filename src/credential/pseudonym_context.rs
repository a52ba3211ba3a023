//! The pseudonym context of a scope: derived from the authenticated verifier id and the scope
//! name, never taken from the request as a raw string.
//!
//! A pseudonym is a function of the holder's nym secret and the context id. If the context
//! were the scope string a request chooses, a second verifier could write the clinic's scope
//! into its own request and receive the holder's clinic pseudonym. Hashing the verifier id in
//! gives each verifier its own contexts: another verifier's request (authenticated by its
//! signature, see [`super::SignedRequest`]) can only reach contexts under its own id.

use sha2::{Digest, Sha256};

/// Domain tag of [`pseudonym_context_id`].
pub const PSEUDONYM_CONTEXT_DST: &[u8] = b"zkcred/pseudonym-context/v1";

/// The context id of `scope` at `verifier_id`: lowercase hex of
/// `SHA-256("zkcred/pseudonym-context/v1" || lp(verifier_id) || lp(scope))`, with
/// `lp(x) = u32_be(len(x)) || x`. The BBS pseudonym context is the 64 ASCII bytes of that hex.
pub fn pseudonym_context_id(verifier_id: &str, scope: &str) -> String {
    let mut h = Sha256::new();
    h.update(PSEUDONYM_CONTEXT_DST);
    for part in [verifier_id.as_bytes(), scope.as_bytes()] {
        // Ids and scopes are at most 256 characters, far below u32::MAX bytes.
        h.update((part.len() as u32).to_be_bytes());
        h.update(part);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::pseudonym_context_id;

    #[test]
    fn the_context_depends_on_verifier_and_scope_without_ambiguity() {
        let a = pseudonym_context_id("clinic", "visits");
        assert_eq!(a.len(), 64);
        assert_eq!(a, pseudonym_context_id("clinic", "visits"));
        assert_ne!(a, pseudonym_context_id("pharmacy", "visits"));
        assert_ne!(a, pseudonym_context_id("clinic", "visits2"));
        // Length prefixes: moving a byte from the id to the scope changes the context.
        assert_ne!(
            pseudonym_context_id("ab", "c"),
            pseudonym_context_id("a", "bc")
        );
    }
}
