//! [`Verifier::verify_batch`]: presentations that arrive together, verified together with
//! one multi-pairing.
//!
//! Each presentation first goes through every check but its pairings, on its own (a
//! presentation that fails one gets that error, whatever the others). The pairing equations
//! of all that remain — every Groth16 proof and every pseudonym-BBS proof of every
//! presentation — are then raised to independent random 128-bit weights and multiplied into
//! one multi-pairing: one Miller loop per distinct G2 point (each issuer key W, BP2, each
//! Groth16 key's β, −γ, −δ, and each Groth16 proof's own B) and one final exponentiation.
//! A false equation survives with probability at most 1/(2^128 − 1) (small-exponents batch
//! test: Bellare, Garay, Rabin, EUROCRYPT 1998; for pairings Camenisch, Hohenberger,
//! Pedersen, EUROCRYPT 2007; see [`zkcred_pairing`]). Only if the merged check fails is
//! each presentation checked alone (its own merged check, then its equations one by one),
//! to name the bad ones with the error they get when verified alone; the others still pass.
//!
//! Nonces are recorded last, in input order, and only for presentations whose pairing
//! equations hold, so a refused presentation never burns its nonce, and of two presentations
//! with one nonce at most one is accepted (the store refuses the second).

use super::pending::Pending;
use super::{check_request, VerifiedPresentation, Verifier};
use crate::credential::presentation::Presentation;
use crate::credential::presentation_error::PresentationResult;
use crate::credential::request::PresentationRequest;
use crate::credential::timestamp::Timestamp;
use crate::predicate::ProofPoints;
use rand_core::{CryptoRng, RngCore};

impl Verifier {
    /// Verifies many presentations, each against its own request, with one merged pairing
    /// check for all of them; the results come in input order, each what
    /// [`Verifier::verify`] gives for that presentation alone (except that a nonce used twice
    /// in the batch is accepted once, for the first presentation that passes).
    ///
    /// `now` is the verifier's clock (`None`: the system clock); `rng` gives the weights of
    /// the merged check and must be a cryptographic RNG that the presentations' authors
    /// cannot predict. An empty batch gives no result. For signed requests, authenticate
    /// each first ([`crate::credential::SignedRequest::verify_by`]) and pass
    /// [`crate::credential::SignedRequest::request`].
    ///
    /// ```
    /// use zkcred::bbs::Ciphersuite;
    /// use zkcred::credential::*;
    /// use zkcred::predicate::{Date, HolderKeys, VerifierKeys};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let rng = &mut rand::thread_rng();
    /// let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
    /// let schema = Schema::new("vn.commune.identity", 1,
    ///     vec![AttributeDef::new("full_name", AttributeKind::String)])?;
    /// let commune = Issuer::generate("Commune", IssuerTier::Commune,
    ///     Jurisdiction::new("VN-89", None)?, Ciphersuite::Bls12381Sha256, rng)?;
    /// let mut wallet = Wallet::new(rng);
    /// let asked = wallet.request_issuance(&schema, commune.public_info(), rng)?;
    /// let content = CredentialContent {
    ///     attributes: [("full_name".into(), AttributeValue::String("Ada".into()))].into(),
    ///     issued_on: Date::new(2024, 1, 15)?,
    ///     expires_on: Date::new(2034, 1, 14)?,
    /// };
    /// let issued = commune.issue(&schema, &content, &asked, rng)?;
    /// wallet.accept(&issued, &schema, commune.public_info())?;
    ///
    /// // A gateway's requests: the name and the validity dates disclosed (no Groth16 key).
    /// let gate = VerifierKey::generate("gate.example", "Gate", vec![], rng)?;
    /// let mut verifiers = VerifierRegistry::new();
    /// verifiers.insert(gate.public_info().clone())?;
    /// let window = RequestWindow::starting(now, std::time::Duration::from_secs(600))?;
    /// let mut requests = Vec::new();
    /// let mut presentations = Vec::new();
    /// for _ in 0..2 {
    ///     let mut ask = CredentialRequest::new("identity", *schema.id());
    ///     ask.disclose = vec!["full_name".into(), ISSUED_ON.into(), EXPIRES_ON.into()];
    ///     let mut request = PresentationRequest::new("gate.example", Nonce::random(rng), window);
    ///     request.credentials = vec![ask];
    ///     let signed = SignedRequest::sign(request.clone(), &gate)?;
    ///     presentations.push(wallet.present(&signed, &verifiers, &HolderKeys::new(), Some(now), rng)?);
    ///     requests.push(request);
    /// }
    ///
    /// let mut registry = TrustRegistry::new();
    /// registry.insert(commune.public_info().clone(), [*schema.id()])?;
    /// let verifier = Verifier::new(registry, vec![schema], VerifierKeys::new(),
    ///     Box::new(InMemoryNonceStore::new()));
    /// // Both presentations, and the first one again (a replay inside the batch).
    /// let items = [
    ///     (&requests[0], &presentations[0]),
    ///     (&requests[1], &presentations[1]),
    ///     (&requests[0], &presentations[0]),
    /// ];
    /// let results = verifier.verify_batch(&items, Some(now), rng);
    /// assert_eq!(results[0].clone()?.disclosed["identity"]["full_name"].to_string(), "Ada");
    /// assert!(results[1].is_ok());
    /// assert!(matches!(results[2], Err(PresentationError::ReplayedNonce(_))));
    /// # Ok(()) }
    /// ```
    pub fn verify_batch<R: RngCore + CryptoRng>(
        &self,
        items: &[(&PresentationRequest, &Presentation)],
        now: Option<Timestamp>,
        rng: &mut R,
    ) -> Vec<PresentationResult<VerifiedPresentation>> {
        let pending = each(items, |&(request, presentation)| {
            let now = check_request(request, now)?;
            self.pending(request, presentation, now, ProofPoints::Unchecked)
        });
        self.finish_batch(pending, rng)
    }

    /// [`Verifier::verify_batch`] of presentations as JSON text: each text is bounded and
    /// decoded as [`Verifier::verify_json`] does (size, request id and counts before any
    /// point), then the batch goes on as [`Verifier::verify_batch`].
    pub fn verify_batch_json<R: RngCore + CryptoRng>(
        &self,
        items: &[(&PresentationRequest, &str)],
        now: Option<Timestamp>,
        rng: &mut R,
    ) -> Vec<PresentationResult<VerifiedPresentation>> {
        let pending = each(items, |&(request, json)| {
            let (presentation, now) = self.decode_checked(request, json, now)?;
            // Decoded just now: its points were checked by the decoder.
            self.pending(request, &presentation, now, ProofPoints::Decoded)
        });
        self.finish_batch(pending, rng)
    }

    /// One merged pairing check over every pending presentation; if it fails, each alone.
    /// Then, in input order, the nonces of those whose equations hold.
    pub(super) fn finish_batch<R: RngCore + CryptoRng>(
        &self,
        pending: Vec<PresentationResult<Pending<'_>>>,
        rng: &mut R,
    ) -> Vec<PresentationResult<VerifiedPresentation>> {
        let checks = pending.iter().flatten().flat_map(|p| p.pairings.checks());
        let all_hold = zkcred_pairing::all_hold(checks, rng);
        let mut results = Vec::with_capacity(pending.len());
        for p in pending {
            results.push(p.and_then(|p| {
                if !all_hold {
                    p.pairings.check(rng)?;
                }
                self.accept(p.verified, &p.nonce)
            }));
        }
        results
    }
}

/// `f` of every item, in order; on all cores with the `parallel` feature.
fn each<T, U, F>(items: &[T], f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}
