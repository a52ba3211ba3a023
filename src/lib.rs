//! # zkcred
//!
//! Privacy-preserving verifiable credentials: BBS signatures (IETF drafts, with blind issuance
//! and per-verifier pseudonyms) whose hidden attributes are tied to Groth16 predicate proofs.
//!
//! * [`credential`]: schemas, attribute encoding, issuers in tiers, the holder [`Wallet`]
//!   (blind issuance, presentations), [`PresentationRequest`]s signed by verifiers
//!   ([`credential::SignedRequest`], checked against the wallet's
//!   [`credential::VerifierRegistry`]) and the [`Verifier`] with its trust registry and nonce
//!   store; versioned JSON for everything (`docs/FORMATS.md`).
//! * [`predicate`]: linked predicate proofs: a Groth16 proof over a committed input
//!   `D = w·IC_1 + v·IC_2` and a Schnorr opening of `D` that reuses the BBS response for `w`,
//!   all bound into one BBS challenge.
//! * [`bbs`], [`snark`], [`circuits`]: the layers underneath; [`pairing`]: the deferred
//!   pairing equations they return and their merged check (one multi-pairing per
//!   presentation, or per batch: [`Verifier::verify_batch`]).
//!
//! The whole story in a few lines: a commune issues a credential without seeing the holder
//! secret, a website asks "over 18?", and learns nothing else.
//!
//! ```
//! use zkcred::bbs::Ciphersuite;
//! use zkcred::credential::*;
//! use zkcred::predicate::Date;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let rng = &mut rand::thread_rng();
//! // Clocks are passed explicitly here; `None` means the system clock.
//! let now = Timestamp::parse("2026-11-22T09:30:00Z")?;
//! let today = now.date();
//! let schema = Schema::new("vn.commune.identity", 1,
//!     vec![AttributeDef::new("birth_date", AttributeKind::Date)])?;
//! let commune = Issuer::generate("UBND xã Mỹ Hòa Hưng", IssuerTier::Commune,
//!     Jurisdiction::new("VN-89", None)?, Ciphersuite::Bls12381Sha256, rng)?;
//!
//! // Blind issuance: the wallet commits to its secret, the commune signs, the wallet checks.
//! let mut wallet = Wallet::new(rng);
//! let request = wallet.request_issuance(&schema, commune.public_info(), rng)?;
//! let content = CredentialContent {
//!     attributes: [("birth_date".into(), AttributeValue::Date(Date::new(2001, 4, 2)?))].into(),
//!     issued_on: Date::new(2024, 1, 15)?,
//!     expires_on: Date::new(2034, 1, 14)?,
//! };
//! let issued = commune.issue(&schema, &content, &request, rng)?;
//! wallet.accept(&issued, &schema, commune.public_info())?;
//!
//! // The website has a signing key, listed in the wallet's verifier registry.
//! let shop = VerifierKey::generate("shop.example", "Example Shop", vec![], rng)?;
//! let mut verifiers = VerifierRegistry::new();
//! verifiers.insert(shop.public_info().clone())?;
//!
//! // The website's signed request, answerable for an hour, and the Groth16 keys of its
//! // predicate.
//! let mut ask = CredentialRequest::new("identity", *schema.id());
//! ask.predicates = vec![AttributePredicate::new("birth_date",
//!     PredicateSpec::AgeAtLeast { years: 18, today })];
//! let window = RequestWindow::starting(now, std::time::Duration::from_secs(3600))?;
//! let mut request = PresentationRequest::new("shop.example", Nonce::random(rng), window);
//! request.credentials = vec![ask];
//! let mut setup = VerifierSetup::new();
//! setup.add_request(&request, std::slice::from_ref(&schema), rng)?;
//! let request = SignedRequest::sign(request, &shop)?;
//!
//! // The wallet checks the signature and answers; the website learns only the predicate.
//! let keys = setup.key_set().holder_keys()?;
//! let presentation = wallet.present(&request, &verifiers, &keys, Some(now), rng)?;
//! let mut registry = TrustRegistry::new();
//! // The commune is trusted for this schema only.
//! registry.insert(commune.public_info().clone(), [*schema.id()])?;
//! let verifier = Verifier::new(registry, vec![schema], setup.verifier_keys(),
//!     Box::new(InMemoryNonceStore::new()));
//! let learned = verifier.verify_signed(&request, shop.public_info(), &presentation, Some(now))?;
//! assert!(learned.disclosed["identity"].is_empty());
//! // The age, and the validity defaults: not expired, already issued on the request's date.
//! assert_eq!(learned.predicates_held.len(), 3);
//! // The same presentation again is a replay.
//! assert!(verifier.verify_signed(&request, shop.public_info(), &presentation, Some(now)).is_err());
//! // Two hours later the request has expired: refused as such, not as invalid.
//! let later = Timestamp::parse("2026-11-22T11:30:00Z")?;
//! assert!(matches!(
//!     verifier.verify_signed(&request, shop.public_info(), &presentation, Some(later)),
//!     Err(PresentationError::RequestExpired { .. })
//! ));
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
pub use zkcred_bbs as bbs;
pub use zkcred_circuits as circuits;
pub use zkcred_pairing as pairing;
pub use zkcred_snark as snark;

pub mod credential;

pub use credential::{PresentationRequest, Verifier, Wallet};
pub mod predicate;

mod os_rng;
