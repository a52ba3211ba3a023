//! Credential-layer foundations: schemas, encoding, issuers, registries, nonces, JSON formats.

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use std::collections::BTreeMap;
use zkcred::bbs::{Bbs, Ciphersuite};
use zkcred::circuits::{days_from_civil, Fr};
use zkcred::credential::{
    check_disclosed, credential_messages, decode_disclosed, encode, encode_enum_code, format_date,
    parse_date, AcceptedIssuers, AttributeDef, AttributeKind, AttributeValue, Credential,
    CredentialError, Date, EnumLabel, InMemoryNonceStore, Issuer, IssuerTier, JsonDocument,
    Jurisdiction, Nonce, NonceStore, ReplayError, Schema, Timestamp, TrustRegistry, MAX_ATTRIBUTES,
    MAX_ENUM_CODE,
};

const SHIFT: u64 = 1 << 63;
const SUITE: Ciphersuite = Ciphersuite::Bls12381Sha256;

fn date(y: i64, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

fn provinces() -> AttributeKind {
    AttributeKind::Enumeration {
        codes: vec![EnumLabel::new("an_giang", 89), EnumLabel::new("ha_noi", 1)],
    }
}

fn identity_schema() -> Schema {
    Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
            AttributeDef::new("province", provinces()),
            AttributeDef::new("household_size", AttributeKind::Integer),
            AttributeDef::new("photo_hash", AttributeKind::Bytes),
        ],
    )
    .unwrap()
}

fn identity_values() -> BTreeMap<String, AttributeValue> {
    BTreeMap::from([
        (
            "full_name".into(),
            AttributeValue::String("Nguyễn Văn A".into()),
        ),
        ("birth_date".into(), AttributeValue::Date(date(2001, 4, 2))),
        ("province".into(), AttributeValue::Enum("an_giang".into())),
        ("household_size".into(), AttributeValue::Integer(4)),
        (
            "photo_hash".into(),
            AttributeValue::Bytes(vec![0xde, 0xad, 0xbe, 0xef]),
        ),
    ])
}

fn bbs() -> Bbs {
    Bbs::new(SUITE, 16).unwrap()
}

fn vn44() -> Jurisdiction {
    Jurisdiction::new("VN-44", Some("Quảng Nam".into())).unwrap()
}

// ---------------------------------------------------------------- schemas

#[test]
fn schema_id_is_stable_and_content_derived() {
    let schema = identity_schema();
    // Pinned: a change here changes every schema id (and breaks every issued credential).
    assert_eq!(
        schema.id().to_string(),
        "ca6756405f230c1a6a2478f0e1777b89cf38aef767a112e6a50e3ab47b52ebc6"
    );
    assert_eq!(schema.message_count(), 8);
    assert_eq!(schema.index_of("full_name"), Some(0));
    assert_eq!(schema.index_of("photo_hash"), Some(4));
    assert_eq!(schema.index_of("issued_on"), Some(5));
    assert_eq!(schema.index_of("expires_on"), Some(6));
    assert_eq!(schema.index_of("holder_secret"), Some(7));
    assert_eq!(schema.holder_secret_index(), 7);
    assert_eq!(schema.index_of("nope"), None);
    let header = schema.bbs_header();
    assert_eq!(&header[..20], b"zkcred/credential/v1");
    assert_eq!(&header[20..], schema.id().as_bytes());

    // Label order does not matter; anything else does.
    let reordered = Schema::new(
        "vn.commune.identity",
        1,
        vec![
            AttributeDef::new("full_name", AttributeKind::String),
            AttributeDef::new("birth_date", AttributeKind::Date),
            AttributeDef::new(
                "province",
                AttributeKind::Enumeration {
                    codes: vec![EnumLabel::new("ha_noi", 1), EnumLabel::new("an_giang", 89)],
                },
            ),
            AttributeDef::new("household_size", AttributeKind::Integer),
            AttributeDef::new("photo_hash", AttributeKind::Bytes),
        ],
    )
    .unwrap();
    assert_eq!(reordered.id(), schema.id());
    let v2 = Schema::new("vn.commune.identity", 2, schema.attributes().to_vec()).unwrap();
    assert_ne!(v2.id(), schema.id());
    let mut attrs = schema.attributes().to_vec();
    attrs.swap(0, 1);
    assert_ne!(
        Schema::new("vn.commune.identity", 1, attrs).unwrap().id(),
        schema.id()
    );
    let mut attrs = schema.attributes().to_vec();
    attrs[3].kind = AttributeKind::Date;
    assert_ne!(
        Schema::new("vn.commune.identity", 1, attrs).unwrap().id(),
        schema.id()
    );
}

#[test]
fn schema_validation_errors() {
    let mk = |name: &str, attrs: Vec<AttributeDef>| Schema::new(name, 1, attrs).unwrap_err();
    let int = |n: &str| AttributeDef::new(n, AttributeKind::Integer);
    let en = |codes: Vec<(&str, u64)>| {
        AttributeDef::new(
            "e",
            AttributeKind::Enumeration {
                codes: codes
                    .into_iter()
                    .map(|(l, c)| EnumLabel::new(l, c))
                    .collect(),
            },
        )
    };
    assert_eq!(
        mk("s", vec![int("a"), int("a")]),
        CredentialError::DuplicateAttribute("a".into())
    );
    assert_eq!(
        mk("s", vec![int("holder_secret")]),
        CredentialError::ReservedAttributeName("holder_secret".into())
    );
    for bad in ["", "Age", "1a", "a-b", "a b", "é", &"a".repeat(65)] {
        assert_eq!(
            mk("s", vec![int(bad)]),
            CredentialError::InvalidAttributeName(bad.into())
        );
    }
    for bad in ["", "Vn.id", "9vn", "vn id", &"a".repeat(129)] {
        assert_eq!(
            mk(bad, vec![]),
            CredentialError::InvalidSchemaName(bad.into())
        );
    }
    assert_eq!(
        mk("s", vec![en(vec![])]),
        CredentialError::EmptyEnumeration("e".into())
    );
    assert_eq!(
        mk("s", vec![en(vec![("x", 1), ("x", 2)])]),
        CredentialError::DuplicateEnumLabel {
            attribute: "e".into(),
            label: "x".into()
        }
    );
    assert_eq!(
        mk("s", vec![en(vec![("x", 1), ("y", 1)])]),
        CredentialError::DuplicateEnumCode {
            attribute: "e".into(),
            code: 1
        }
    );
    assert_eq!(
        mk("s", vec![en(vec![("x", MAX_ENUM_CODE + 1)])]),
        CredentialError::EnumCodeOutOfRange(MAX_ENUM_CODE + 1)
    );
    assert!(matches!(
        mk("s", vec![en(vec![("", 1)])]),
        CredentialError::InvalidEnumLabel { .. }
    ));
    let many = (0..=MAX_ATTRIBUTES)
        .map(|i| int(&format!("a{i}")))
        .collect();
    assert!(matches!(
        mk("s", many),
        CredentialError::TooManyAttributes { .. }
    ));
    // An empty schema (only the three trailing messages) is allowed.
    assert_eq!(Schema::new("s", 1, vec![]).unwrap().message_count(), 3);
}

#[test]
fn schema_json_round_trip_and_id_check() {
    let schema = identity_schema();
    let json = schema.to_json().unwrap();
    assert!(json.contains("\"version\": 1"));
    assert!(json.contains("\"kind\": \"enumeration\""));
    let back = Schema::from_json(&json).unwrap();
    assert_eq!(back, schema);

    // Hand-written without id: accepted, id derived.
    let hand = r#"{"version": 1, "name": "vn.commune.identity", "schema_version": 1,
        "attributes": [{"name": "birth_date", "kind": "date"}]}"#;
    let s = Schema::from_json(hand).unwrap();
    assert_eq!(s.attributes().len(), 1);
    // A wrong id is refused.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["id"] = serde_json::Value::String("00".repeat(32));
    assert!(matches!(
        Schema::from_json(&v.to_string()),
        Err(CredentialError::SchemaIdMismatch { .. })
    ));
    // Validation errors come through typed.
    let dup = r#"{"version": 1, "name": "s", "schema_version": 1,
        "attributes": [{"name": "a", "kind": "date"}, {"name": "a", "kind": "integer"}]}"#;
    assert_eq!(
        Schema::from_json(dup).unwrap_err(),
        CredentialError::DuplicateAttribute("a".into())
    );
    // Shape errors.
    for bad in [
        r#"{"version": 1, "name": "s", "schema_version": 1, "attributes": [{"name": "a", "kind": "enumeration"}]}"#,
        r#"{"version": 1, "name": "s", "schema_version": 1, "attributes": [{"name": "a", "kind": "date", "codes": []}]}"#,
        r#"{"version": 1, "name": "s", "schema_version": 1, "attributes": [{"name": "a", "kind": "float"}]}"#,
        r#"{"version": 1, "name": "s", "schema_version": 1, "attributes": [], "extra": 1}"#,
        r#"{"version": 1, "name": "s"}"#,
        r#"[1, 2]"#,
        r#"{"version": 1, "#,
    ] {
        assert!(
            matches!(
                Schema::from_json(bad),
                Err(CredentialError::MalformedJson(_))
            ),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------- encoding

#[test]
fn encoding_known_values() {
    let bbs = bbs();
    let int = AttributeDef::new("n", AttributeKind::Integer);
    let day = AttributeDef::new("d", AttributeKind::Date);
    let prov = AttributeDef::new("p", provinces());
    assert_eq!(
        encode(&int, &AttributeValue::Integer(0), &bbs).unwrap(),
        Fr::from(SHIFT)
    );
    assert_eq!(
        encode(&int, &AttributeValue::Integer(-1), &bbs).unwrap(),
        Fr::from(SHIFT - 1)
    );
    assert_eq!(
        encode(&int, &AttributeValue::Integer(i64::MIN), &bbs).unwrap(),
        Fr::from(0u64)
    );
    assert_eq!(
        encode(&day, &AttributeValue::Date(date(1970, 1, 1)), &bbs).unwrap(),
        Fr::from(SHIFT)
    );
    assert_eq!(days_from_civil(2001, 4, 2).unwrap(), 11_414);
    assert_eq!(
        encode(&day, &AttributeValue::Date(date(2001, 4, 2)), &bbs).unwrap(),
        Fr::from(SHIFT + 11_414)
    );
    assert_eq!(
        encode(&day, &AttributeValue::Date(date(1969, 12, 31)), &bbs).unwrap(),
        Fr::from(SHIFT - 1)
    );
    assert_eq!(encode_enum_code(89).unwrap(), SHIFT + 89);
    assert_eq!(
        encode(&prov, &AttributeValue::Enum("an_giang".into()), &bbs).unwrap(),
        Fr::from(SHIFT + 89)
    );
    assert_eq!(
        encode_enum_code(MAX_ENUM_CODE + 1),
        Err(CredentialError::EnumCodeOutOfRange(MAX_ENUM_CODE + 1))
    );
    let s = AttributeDef::new("s", AttributeKind::String);
    let b = AttributeDef::new("b", AttributeKind::Bytes);
    assert_eq!(
        encode(&s, &AttributeValue::String("Ada".into()), &bbs).unwrap(),
        bbs.message_to_scalar(b"Ada").unwrap()
    );
    assert_eq!(
        encode(&b, &AttributeValue::Bytes(vec![1, 2]), &bbs).unwrap(),
        bbs.message_to_scalar(&[1, 2]).unwrap()
    );
}

#[test]
fn encoding_errors_and_round_trips() {
    let bbs = bbs();
    let int = AttributeDef::new("n", AttributeKind::Integer);
    let day = AttributeDef::new("d", AttributeKind::Date);
    let prov = AttributeDef::new("province", provinces());
    let name = AttributeDef::new("name", AttributeKind::String);

    let err = encode(&prov, &AttributeValue::Enum("hue".into()), &bbs).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown label 'hue' for enumeration 'province'"
    );
    assert_eq!(
        encode(&day, &AttributeValue::Integer(3), &bbs).unwrap_err(),
        CredentialError::KindMismatch {
            attribute: "d".into(),
            expected: "date",
            got: "integer"
        }
    );

    for x in [i64::MIN, -5, 0, 7, i64::MAX] {
        let v = AttributeValue::Integer(x);
        let w = encode(&int, &v, &bbs).unwrap();
        assert_eq!(decode_disclosed(&int, &w).unwrap(), v);
    }
    for d in [
        date(1970, 1, 1),
        date(2001, 4, 2),
        date(1900, 2, 28),
        date(-44, 3, 15),
    ] {
        let v = AttributeValue::Date(d);
        let w = encode(&day, &v, &bbs).unwrap();
        assert_eq!(decode_disclosed(&day, &w).unwrap(), v);
    }
    for label in ["an_giang", "ha_noi"] {
        let v = AttributeValue::Enum(label.into());
        let w = encode(&prov, &v, &bbs).unwrap();
        assert_eq!(decode_disclosed(&prov, &w).unwrap(), v);
    }
    // Scalars that encode nothing of the kind.
    let big = Fr::from(u64::MAX) + Fr::from(1u64); // 2^64
    assert_eq!(
        decode_disclosed(&int, &big).unwrap_err(),
        CredentialError::InvalidScalar("n".into())
    );
    assert!(decode_disclosed(&day, &Fr::from(0u64)).is_err()); // day -2^63
    assert!(decode_disclosed(&prov, &Fr::from(SHIFT + 2)).is_err()); // unknown code
    assert!(decode_disclosed(&prov, &Fr::from(SHIFT - 1)).is_err()); // negative code

    // Hashed kinds: not decodable, checked against the disclosed raw value.
    let v = AttributeValue::String("Ada".into());
    let w = encode(&name, &v, &bbs).unwrap();
    assert_eq!(
        decode_disclosed(&name, &w).unwrap_err(),
        CredentialError::NotDecodable("name".into())
    );
    check_disclosed(&name, &v, &w, &bbs).unwrap();
    assert_eq!(
        check_disclosed(&name, &AttributeValue::String("Eve".into()), &w, &bbs).unwrap_err(),
        CredentialError::DisclosedValueMismatch("name".into())
    );
}

#[test]
fn dates_as_text() {
    for (text, d) in [
        ("2001-04-02", date(2001, 4, 2)),
        ("1970-01-01", date(1970, 1, 1)),
        ("0001-01-01", date(1, 1, 1)),
        ("-0044-03-15", date(-44, 3, 15)),
        ("10000-12-31", date(10_000, 12, 31)),
    ] {
        assert_eq!(parse_date(text).unwrap(), d, "{text}");
        assert_eq!(format_date(d), text);
    }
    for bad in [
        "2001-02-30",
        "2001-4-2",
        "01-04-02",
        "2001/04/02",
        "2001-04-02T00",
        "",
        "+2001-04-02",
        "2001-04",
        "99999999-01-01",
        "２００１-04-02",
    ] {
        assert!(
            matches!(parse_date(bad), Err(CredentialError::InvalidDate(_))),
            "{bad}"
        );
    }
    let v: AttributeValue = serde_json::from_str(r#"{"date": "2001-04-02"}"#).unwrap();
    assert_eq!(v, AttributeValue::Date(date(2001, 4, 2)));
    assert!(serde_json::from_str::<AttributeValue>(r#"{"date": "2001-02-30"}"#).is_err());
    let v: AttributeValue = serde_json::from_str(r#"{"bytes": "DEADbeef"}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"bytes":"deadbeef"}"#
    );
    assert!(serde_json::from_str::<AttributeValue>(r#"{"bytes": "abc"}"#).is_err());
    assert!(serde_json::from_str::<AttributeValue>(r#"{"float": 1.5}"#).is_err());
    let v = AttributeValue::Enum("an_giang".into());
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"enumeration":"an_giang"}"#
    );
    let v = AttributeValue::Integer(-5);
    assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"integer":-5}"#);
}

// ---------------------------------------------------------------- issuers and registries

fn three_issuers() -> Vec<Issuer> {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    vec![
        Issuer::generate(
            "UBND xã Tân Hòa",
            IssuerTier::Commune,
            Jurisdiction::new("VN-44-0012", None).unwrap(),
            SUITE,
            &mut rng,
        )
        .unwrap(),
        Issuer::generate(
            "UBND tỉnh Quảng Nam",
            IssuerTier::Province,
            vn44(),
            SUITE,
            &mut rng,
        )
        .unwrap(),
        Issuer::generate(
            "Bộ Công an",
            IssuerTier::National,
            Jurisdiction::new("VN", None).unwrap(),
            Ciphersuite::Bls12381Shake256,
            &mut rng,
        )
        .unwrap(),
    ]
}

#[test]
fn issuer_documents_and_key_files() {
    let issuers = three_issuers();
    let commune = &issuers[0];
    let info = commune.public_info();
    assert_eq!(info.id().to_string().len(), 32);
    assert_ne!(issuers[0].id(), issuers[1].id());

    let json = info.to_json().unwrap();
    assert!(json.contains("\"tier\": \"commune\""));
    assert!(json.contains("\"suite\": \"BLS12-381-SHA-256\""));
    assert_eq!(
        &zkcred::credential::IssuerPublicInfo::from_json(&json).unwrap(),
        info
    );

    let key_file = commune.to_json().unwrap();
    let back = Issuer::from_json(&key_file).unwrap();
    assert_eq!(back.public_info(), info);
    assert_eq!(back.secret_key(), commune.secret_key());
    assert!(!format!("{back:?}").contains(&hex::encode(&commune.secret_key().to_bytes()[..])));

    // Another issuer's secret key: refused.
    let mut v: serde_json::Value = serde_json::from_str(&key_file).unwrap();
    let other: serde_json::Value = serde_json::from_str(&issuers[1].to_json().unwrap()).unwrap();
    v["secret_key"] = other["secret_key"].clone();
    assert_eq!(
        Issuer::from_json(&v.to_string()).unwrap_err(),
        CredentialError::KeyMismatch
    );
    // Bad jurisdiction and bad name.
    assert_eq!(
        Jurisdiction::new("vn-44", None).unwrap_err(),
        CredentialError::InvalidJurisdiction("vn-44".into())
    );
    for bad in ["", "VN-", "-VN", "VN--44", "VN 44"] {
        assert!(Jurisdiction::new(bad, None).is_err(), "{bad}");
    }
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    assert!(matches!(
        Issuer::generate("", IssuerTier::Commune, vn44(), SUITE, &mut rng).unwrap_err(),
        CredentialError::InvalidIssuerName { .. }
    ));
}

#[test]
fn registry_load_lookup_filter() {
    let issuers = three_issuers();
    let mut registry = TrustRegistry::new();
    for i in &issuers {
        registry.insert(i.public_info().clone(), []).unwrap();
    }
    assert_eq!(
        registry
            .insert(issuers[0].public_info().clone(), [])
            .unwrap_err(),
        CredentialError::DuplicateIssuer(issuers[0].id().to_string())
    );
    let json = registry.to_json().unwrap();
    let loaded = TrustRegistry::from_json(&json).unwrap();
    assert_eq!(loaded, registry);
    assert_eq!(loaded.len(), 3);
    assert_eq!(
        loaded.get(issuers[1].id()).unwrap().name(),
        "UBND tỉnh Quảng Nam"
    );

    let names = |it: Vec<&zkcred::credential::IssuerPublicInfo>| {
        let mut n: Vec<String> = it.iter().map(|i| i.name().to_owned()).collect();
        n.sort();
        n
    };
    assert_eq!(
        names(loaded.by_tier(IssuerTier::Commune).collect()),
        ["UBND xã Tân Hòa"]
    );
    assert_eq!(loaded.in_jurisdiction("VN").count(), 3);
    assert_eq!(loaded.in_jurisdiction("VN-44").count(), 2);
    assert_eq!(loaded.in_jurisdiction("VN-4").count(), 0);
    assert_eq!(loaded.in_jurisdiction("VN-44-0012").count(), 1);

    let policy = AcceptedIssuers {
        tiers: Some(vec![IssuerTier::Commune, IssuerTier::Province]),
        jurisdictions: Some(vec!["VN-44".into()]),
        ids: None,
    };
    policy.validate().unwrap();
    assert_eq!(loaded.accepted(&policy).count(), 2);
    let only = AcceptedIssuers {
        ids: Some(vec![*issuers[2].id()]),
        ..AcceptedIssuers::any()
    };
    assert!(only.accepts(issuers[2].public_info()));
    assert!(!only.accepts(issuers[0].public_info()));
    let nothing = AcceptedIssuers {
        tiers: Some(vec![]),
        ..AcceptedIssuers::any()
    };
    assert_eq!(loaded.accepted(&nothing).count(), 0);
    assert_eq!(loaded.accepted(&AcceptedIssuers::any()).count(), 3);
    let bad = AcceptedIssuers {
        jurisdictions: Some(vec!["vn".into()]),
        ..AcceptedIssuers::any()
    };
    assert!(bad.validate().is_err());
    let p: AcceptedIssuers =
        serde_json::from_str(r#"{"tiers": ["commune"], "jurisdictions": ["VN-44"]}"#).unwrap();
    assert_eq!(p.tiers, Some(vec![IssuerTier::Commune]));
    assert_eq!(
        serde_json::to_string(&AcceptedIssuers::any()).unwrap(),
        "{}"
    );

    // Malformed and tampered documents.
    let err = TrustRegistry::from_json("{\"version\": 1, \"issuers\": [").unwrap_err();
    assert!(matches!(err, CredentialError::MalformedJson(_)));
    assert!(err.to_string().starts_with("malformed JSON: "));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["issuers"][0]["issuer"]["id"] = serde_json::Value::String("00".repeat(16));
    assert!(matches!(
        TrustRegistry::from_json(&v.to_string()),
        Err(CredentialError::IssuerIdMismatch { .. })
    ));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["issuers"][0]["issuer"]["tier"] = serde_json::Value::String("village".into());
    assert!(matches!(
        TrustRegistry::from_json(&v.to_string()),
        Err(CredentialError::MalformedJson(_))
    ));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["issuers"][0]["issuer"]["public_key"] = serde_json::Value::String("00".repeat(96));
    assert!(matches!(
        TrustRegistry::from_json(&v.to_string()),
        Err(CredentialError::MalformedJson(_))
    ));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["issuers"][1]["issuer"]["version"] = serde_json::Value::from(2);
    assert_eq!(
        TrustRegistry::from_json(&v.to_string()).unwrap_err(),
        CredentialError::UnsupportedVersion(2)
    );
}

// ---------------------------------------------------------------- nonces

#[test]
fn nonce_replay_detection() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let store = InMemoryNonceStore::new();
    // Every nonce kept until after the verifier's clock: nothing is forgotten here (the
    // library's unit tests cover forgetting the nonces of expired requests).
    let now = Timestamp::parse("2026-11-22T09:30:00Z").unwrap();
    let until = Timestamp::parse("2026-11-22T10:35:00Z").unwrap();
    let n1 = Nonce::random(&mut rng);
    let n2 = Nonce::random(&mut rng);
    assert_ne!(n1, n2);
    store
        .check_and_insert("clinic", n1.as_ref(), until, now)
        .unwrap();
    assert_eq!(
        store.check_and_insert("clinic", n1.as_ref(), until, now),
        Err(ReplayError::Replayed("clinic".into()))
    );
    store
        .check_and_insert("clinic", n2.as_ref(), until, now)
        .unwrap();
    store
        .check_and_insert("land-registry", n1.as_ref(), until, now)
        .unwrap();
    assert_eq!(store.len(), 3);
    assert!(matches!(
        store.check_and_insert("clinic", &[0u8; 8], until, now),
        Err(ReplayError::InvalidLength { got: 8, .. })
    ));
    let err: CredentialError = ReplayError::Replayed("clinic".into()).into();
    assert_eq!(err.to_string(), "replayed nonce for verifier 'clinic'");

    let bounded = InMemoryNonceStore::with_capacity_limit(1);
    bounded
        .check_and_insert("v", n1.as_ref(), until, now)
        .unwrap();
    assert_eq!(
        bounded.check_and_insert("v", n2.as_ref(), until, now),
        Err(ReplayError::StoreFull(1))
    );
    assert_eq!(
        bounded.check_and_insert("v", n1.as_ref(), until, now),
        Err(ReplayError::Replayed("v".into()))
    );

    // Concurrent presentations with one nonce: exactly one passes.
    let shared = std::sync::Arc::new(InMemoryNonceStore::new());
    let nonce = Nonce::random(&mut rng);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let s = shared.clone();
            std::thread::spawn(move || s.check_and_insert("gw", nonce.as_ref(), until, now).is_ok())
        })
        .collect();
    let passed = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(passed, 1);

    // JSON: hex string of 32 bytes.
    let json = serde_json::to_string(&n1).unwrap();
    assert_eq!(json.len(), 66);
    assert_eq!(serde_json::from_str::<Nonce>(&json).unwrap(), n1);
    assert!(serde_json::from_str::<Nonce>("\"abcd\"").is_err());
}

// ---------------------------------------------------------------- credentials

fn signed_credential() -> (Schema, Issuer, Credential, Fr) {
    let schema = identity_schema();
    let issuer = three_issuers().remove(1);
    let bbs = bbs();
    let holder_secret = Fr::from(0x5ec2e7_u64);
    let (issued_on, expires_on) = (date(2024, 1, 15), date(2034, 1, 14));
    let attributes = identity_values();
    let messages = credential_messages(
        &schema,
        &bbs,
        &attributes,
        issued_on,
        expires_on,
        &holder_secret,
    )
    .unwrap();
    let pk = issuer.public_info().public_key().clone();
    let signature = bbs
        .sign_scalars(issuer.secret_key(), &pk, &schema.bbs_header(), &messages)
        .unwrap();
    let credential = Credential {
        schema_id: *schema.id(),
        issuer_id: *issuer.id(),
        attributes,
        issued_on,
        expires_on,
        signature,
    };
    (schema, issuer, credential, holder_secret)
}

#[test]
fn credential_messages_layout_and_signature() {
    let (schema, issuer, credential, holder_secret) = signed_credential();
    let bbs = bbs();
    let messages = credential.messages(&schema, &bbs, &holder_secret).unwrap();
    assert_eq!(messages.len(), schema.message_count());
    assert_eq!(messages[1], Fr::from(SHIFT + 11_414));
    assert_eq!(messages[2], Fr::from(SHIFT + 89));
    assert_eq!(messages[3], Fr::from(SHIFT + 4));
    assert_eq!(
        messages[schema.issued_on_index()],
        Fr::from(SHIFT + days_from_civil(2024, 1, 15).unwrap() as u64)
    );
    assert_eq!(messages[schema.holder_secret_index()], holder_secret);
    bbs.verify_scalars(
        issuer.public_info().public_key(),
        &credential.signature,
        &credential.bbs_header(),
        &messages,
    )
    .unwrap();
    // Another holder secret: the signature does not verify.
    let other = credential.messages(&schema, &bbs, &Fr::from(1u64)).unwrap();
    assert!(bbs
        .verify_scalars(
            issuer.public_info().public_key(),
            &credential.signature,
            &credential.bbs_header(),
            &other
        )
        .is_err());

    // Errors.
    let mut c = credential.clone();
    c.attributes.insert("x".into(), AttributeValue::Integer(1));
    assert_eq!(
        c.messages(&schema, &bbs, &holder_secret)
            .unwrap_err()
            .to_string(),
        "unknown attribute 'x' for schema 'vn.commune.identity'"
    );
    let mut c = credential.clone();
    c.attributes.remove("birth_date");
    assert!(matches!(
        c.messages(&schema, &bbs, &holder_secret),
        Err(CredentialError::MissingAttribute { .. })
    ));
    let mut c = credential.clone();
    c.attributes
        .insert("birth_date".into(), AttributeValue::String("2001".into()));
    assert!(matches!(
        c.messages(&schema, &bbs, &holder_secret),
        Err(CredentialError::KindMismatch { .. })
    ));
    let mut c = credential.clone();
    c.expires_on = date(2020, 1, 1);
    assert!(matches!(
        c.messages(&schema, &bbs, &holder_secret),
        Err(CredentialError::InvalidValidity { .. })
    ));
    let other_schema = Schema::new("vn.other", 1, vec![]).unwrap();
    assert!(matches!(
        credential.messages(&other_schema, &bbs, &holder_secret),
        Err(CredentialError::SchemaMismatch { .. })
    ));
}

#[test]
fn credential_json_round_trip_and_version_rejection() {
    let (_, _, credential, _) = signed_credential();
    let json = credential.to_json().unwrap();
    assert!(json.contains("\"issued_on\": \"2024-01-15\""));
    assert!(json.contains("\"birth_date\": {\n      \"date\": \"2001-04-02\""));
    assert_eq!(Credential::from_json(&json).unwrap(), credential);
    // Nested in another serde structure.
    let nested = serde_json::to_string(&vec![credential.clone()]).unwrap();
    assert_eq!(
        serde_json::from_str::<Vec<Credential>>(&nested).unwrap(),
        vec![credential.clone()]
    );

    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["version"] = serde_json::Value::from(2);
    v["a_field_of_version_2"] = serde_json::Value::from(true);
    let err = Credential::from_json(&v.to_string()).unwrap_err();
    assert_eq!(err, CredentialError::UnsupportedVersion(2));
    assert_eq!(err.to_string(), "unsupported format version 2");
    v.as_object_mut().unwrap().remove("version");
    assert_eq!(
        Credential::from_json(&v.to_string()).unwrap_err(),
        CredentialError::MissingVersion
    );
    v["version"] = serde_json::Value::String("1".into());
    assert_eq!(
        Credential::from_json(&v.to_string()).unwrap_err(),
        CredentialError::MissingVersion
    );
    for doc in ["schema", "registry", "issuer"] {
        let text = r#"{"version": 7}"#;
        let err = match doc {
            "schema" => Schema::from_json(text).unwrap_err(),
            "registry" => TrustRegistry::from_json(text).unwrap_err(),
            _ => Issuer::from_json(text).unwrap_err(),
        };
        assert_eq!(err, CredentialError::UnsupportedVersion(7), "{doc}");
    }

    // Tampered fields.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["signature"] = serde_json::Value::String("00".repeat(80));
    assert!(matches!(
        Credential::from_json(&v.to_string()),
        Err(CredentialError::MalformedJson(_))
    ));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["expires_on"] = serde_json::Value::String("2000-01-01".into());
    assert!(matches!(
        Credential::from_json(&v.to_string()),
        Err(CredentialError::InvalidValidity { .. })
    ));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["schema_id"] = serde_json::Value::String("zz".into());
    assert!(matches!(
        Credential::from_json(&v.to_string()),
        Err(CredentialError::MalformedJson(_))
    ));
}
