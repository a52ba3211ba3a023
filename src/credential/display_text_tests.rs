//! Every document reader refuses names with control, bidirectional or invisible characters
//! ([`super::text::check_text`]) with a typed error that names the field and the code point,
//! and reads Vietnamese names composed and decomposed.

use super::text::TextError;
use super::*;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde_json::Value;

const RLO: char = '\u{202E}';
const NFD: &str = "UBND xa\u{303} My\u{303} Ho\u{300}a Hu\u{31B}ng";

fn issuer(name: &str) -> Result<Issuer> {
    Issuer::generate(
        name,
        IssuerTier::Commune,
        Jurisdiction::new("VN-44", Some("An Giang".into()))?,
        zkcred_bbs::Ciphersuite::Bls12381Sha256,
        &mut ChaCha20Rng::seed_from_u64(3),
    )
}

/// The JSON of `doc` with the string at `pointer` replaced by `text`.
fn edited<T: JsonDocument>(doc: &T, pointer: &str, text: &str) -> String {
    let mut value: Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
    *value.pointer_mut(pointer).unwrap() = text.into();
    value.to_string()
}

#[test]
fn issuer_and_jurisdiction_names() {
    let e = issuer("UBND \u{202E}gnuH").unwrap_err();
    assert_eq!(
        e,
        CredentialError::InvalidIssuerName {
            name: "UBND \u{202E}gnuH".into(),
            problem: TextError::Bidi(RLO),
        }
    );
    let line = e.to_string();
    assert!(
        line.contains("invalid issuer name") && line.contains("U+202E"),
        "{line}"
    );
    assert!(!line.contains(RLO), "the quoted name is escaped: {line}");

    let ok = issuer(NFD).unwrap();
    assert_eq!(ok.public_info().name(), NFD);
    let info = ok.public_info();
    assert_eq!(
        &IssuerPublicInfo::from_json(&info.to_json().unwrap()).unwrap(),
        info
    );
    // Read from a document: the same typed error (the name is checked before the id).
    let e = IssuerPublicInfo::from_json(&edited(info, "/name", "An\u{200B}Giang")).unwrap_err();
    assert!(
        matches!(
            e,
            CredentialError::InvalidIssuerName {
                problem: TextError::Invisible('\u{200B}'),
                ..
            }
        ),
        "{e}"
    );
    let e = IssuerPublicInfo::from_json(&edited(info, "/jurisdiction/name", "An\u{2067}Giang"))
        .unwrap_err();
    assert!(
        matches!(
            e,
            CredentialError::InvalidJurisdictionName {
                problem: TextError::Bidi('\u{2067}'),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("invalid jurisdiction name"), "{e}");
    let e = Jurisdiction::new("VN-44", Some("\u{AD}".into())).unwrap_err();
    assert!(e.to_string().contains("U+00AD"), "{e}");
    assert!(!e.to_string().contains("jurisdiction code"), "{e}");
}

#[test]
fn verifier_names_scopes_and_request_scopes() {
    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let e = VerifierKey::generate("clinic", "Phòng\u{FEFF}khám", vec![], &mut rng).unwrap_err();
    assert!(
        matches!(
            e,
            RequestAuthError::InvalidVerifierName {
                problem: TextError::Invisible('\u{FEFF}'),
                ..
            }
        ),
        "{e}"
    );
    let e =
        VerifierKey::generate("clinic", "Clinic", vec!["a\u{200F}b".into()], &mut rng).unwrap_err();
    assert!(
        matches!(
            e,
            RequestAuthError::InvalidScope {
                problem: TextError::Bidi('\u{200F}'),
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("invalid pseudonym scope 'a<U+200F>b'"),
        "{e}"
    );
    let clinic = VerifierKey::generate("clinic", NFD, vec!["visits".into()], &mut rng).unwrap();
    let e = VerifierPublicInfo::from_json(&edited(clinic.public_info(), "/scopes/0", "v\u{2060}"))
        .unwrap_err();
    assert!(
        matches!(
            e,
            CredentialError::RequestAuth(RequestAuthError::InvalidScope {
                problem: TextError::Invisible('\u{2060}'),
                ..
            })
        ),
        "{e}"
    );
    // A request's scope and verifier id.
    let schema = Schema::new("s", 1, vec![AttributeDef::new("a", AttributeKind::Integer)]).unwrap();
    let mut request = PresentationRequest::new(
        "clinic",
        Nonce::from_bytes([1; 32]),
        crate::credential::RequestWindow::starting(
            crate::credential::Timestamp::start_of(Date::new(2026, 1, 1).unwrap()).unwrap(),
            std::time::Duration::from_secs(3600),
        )
        .unwrap(),
    );
    request.credentials = vec![CredentialRequest::new("c", *schema.id())];
    request.pseudonym_scope = Some(format!("visits{RLO}"));
    assert!(matches!(
        request.validate().unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::InvalidScope {
            problem: TextError::Bidi(RLO),
            ..
        })
    ));
    request.pseudonym_scope = None;
    request.verifier_id = "Clinic".into();
    assert!(matches!(
        request.validate().unwrap_err(),
        CredentialError::RequestAuth(RequestAuthError::InvalidVerifierId(_))
    ));
}

#[test]
fn enumeration_labels() {
    let e = Schema::new(
        "s",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: vec![
                    EnumLabel::new("an_giang", 1),
                    EnumLabel::new("an_giang\u{200D}", 2),
                ],
            },
        )],
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            CredentialError::InvalidEnumLabel {
                problem: TextError::Invisible('\u{200D}'),
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("U+200D"), "{e}");
    Schema::new(
        "s",
        1,
        vec![AttributeDef::new(
            "province",
            AttributeKind::Enumeration {
                codes: vec![EnumLabel::new("Tỉnh An Giang", 1), EnumLabel::new(NFD, 2)],
            },
        )],
    )
    .unwrap();
}

#[test]
fn predicate_descriptions_show_dates_integers_and_escaped_text() {
    let d = |y, m, day| AttributeValue::Date(Date::new(y, m, day).unwrap());
    let range = AttributePredicate::new(
        "birth_date",
        PredicateSpec::Range {
            lo: d(1990, 1, 1),
            hi: d(2005, 12, 31),
        },
    );
    assert_eq!(range.describe(), "birth_date: in [1990-01-01, 2005-12-31]");
    let cmp = AttributePredicate::new(
        "issued_on",
        PredicateSpec::Compare {
            op: CompareOp::Le,
            value: d(-44, 3, 15),
        },
    );
    assert_eq!(cmp.describe(), "issued_on: <= -0044-03-15");
    let ints = AttributePredicate::new(
        "household_size",
        PredicateSpec::Range {
            lo: AttributeValue::Integer(-3),
            hi: AttributeValue::Integer(12),
        },
    );
    assert_eq!(ints.describe(), "household_size: in [-3, 12]");
    let text = AttributePredicate::new(
        "full_name",
        PredicateSpec::NotEqual {
            value: AttributeValue::String(format!("A{RLO}B")),
        },
    );
    assert_eq!(text.describe(), "full_name: != A<U+202E>B");
}
