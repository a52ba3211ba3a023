//! [`PresentationRequest`]: what a verifier asks for — per credential type the accepted
//! issuers, the attributes to disclose and the predicates on hidden attributes — plus
//! holder-secret equality across the credentials, an optional pseudonym scope, a nonce and the
//! verifier's id, and the window in which it may be answered ([`RequestWindow`]: `made_at`,
//! `valid_until`, UTC). Its [`RequestId`] is SHA-256 of its canonical JSON, window included.
//!
//! A request is compiled against each credential's schema ([`CredentialRequest::compile`])
//! into BBS message indexes and [`crate::predicate::PredicateStatement`]s; the holder and the
//! verifier compile it the same way, so the statements never travel in a presentation.
//! Compiling adds the validity defaults on the request's date, the UTC day of `made_at`
//! ([`PresentationRequest::date`], [`super::validity`]): every presentation proves each
//! credential not expired and already issued on that day.

use super::date::{date_text, format_date};
use super::encoding::{encode, encode_enum_code};
use super::issuer::IssuerId;
use super::json::{from_value, impl_hex_id};
use super::json::{JsonDocument, FORMAT_VERSION};
use super::nonce::Nonce;
use super::presentation_error::{PresentationError, PresentationResult};
use super::registry::AcceptedIssuers;
use super::request_auth_error::RequestAuthError;
use super::schema::{AttributeKind, Schema, SchemaId, EXPIRES_ON, HOLDER_SECRET, ISSUED_ON};
use super::text::{escape_invisible, with_article};
use super::timestamp::Timestamp;
use super::validity::{implicit_statements, ValidityBound};
use super::value::AttributeValue;
use super::verifier_identity::{check_scope_name, is_verifier_id};
use super::window::RequestWindow;
use crate::credential::error::{CredentialError, Result};
use crate::predicate::{CmpOp, Predicate, PredicateStatement};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use zkcred_bbs::Bbs;
use zkcred_circuits::Date;

/// Most credentials one request may ask for.
pub const MAX_REQUESTED_CREDENTIALS: usize = 16;
/// Most predicates per requested credential.
pub const MAX_PREDICATES: usize = 32;
/// Largest set of an `in_set` / `not_in_set` predicate (the circuits' bound).
pub const MAX_SET_SIZE: usize = 64;
/// Domain tag of the request id.
const REQUEST_ID_DOMAIN: &[u8] = b"zkcred/request-id/v1";
/// The format version of presentation requests: 2 since requests carry a validity window
/// (`made_at`, `valid_until`) instead of a `date`. Version 1 is refused with
/// [`CredentialError::DatedRequest`].
pub const REQUEST_VERSION: u64 = 2;

/// SHA-256 of `"zkcred/request-id/v1" || compact JSON of the request`; hex in JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId([u8; 32]);

impl_hex_id!(RequestId, 32, "request id");

/// A comparison operator in JSON: `"<"`, `"<="`, `">"`, `">="` (the attribute on the left).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareOp {
    /// `attribute < value`
    #[serde(rename = "<")]
    Lt,
    /// `attribute <= value`
    #[serde(rename = "<=")]
    Le,
    /// `attribute > value`
    #[serde(rename = ">")]
    Gt,
    /// `attribute >= value`
    #[serde(rename = ">=")]
    Ge,
}

impl CompareOp {
    fn cmp_op(self) -> CmpOp {
        match self {
            CompareOp::Lt => CmpOp::Lt,
            CompareOp::Le => CmpOp::Le,
            CompareOp::Gt => CmpOp::Gt,
            CompareOp::Ge => CmpOp::Ge,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// One predicate, as JSON names it (one-field object):
///
/// | JSON | attribute kind | meaning |
/// |---|---|---|
/// | `{"age_at_least": {"years": 18, "today": "2026-11-22"}}` | date | at least `years` old on `today` |
/// | `{"not_expired": {"today": "2026-11-22"}}` | `expires_on` | `expires_on >= today` |
/// | `{"compare": {"op": ">=", "value": {"integer": 5}}}` | integer, date | `attribute op value` |
/// | `{"range": {"lo": {"date": "..."}, "hi": {"date": "..."}}}` | integer, date | `lo <= attribute <= hi` |
/// | `{"in_set": {"labels": ["an_giang", "can_tho"]}}` | enumeration | one of the labels |
/// | `{"not_in_set": {"labels": ["ha_noi"]}}` | enumeration | none of the labels |
/// | `{"not_equal": {"value": {"string": "x"}}}` | any | `attribute != value` |
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PredicateSpec {
    /// At least `years` old on `today` (a date attribute holding a birth date).
    AgeAtLeast {
        /// Age in years.
        years: u32,
        /// The day of evaluation.
        #[serde(with = "date_text")]
        today: Date,
    },
    /// The credential has not expired on `today` (attribute `expires_on`).
    NotExpired {
        /// The day of evaluation.
        #[serde(with = "date_text")]
        today: Date,
    },
    /// `attribute op value` (integers and dates).
    Compare {
        /// The operator.
        op: CompareOp,
        /// The bound, of the attribute's kind.
        value: AttributeValue,
    },
    /// `lo <= attribute <= hi` (integers and dates).
    Range {
        /// Lower end, inclusive.
        lo: AttributeValue,
        /// Upper end, inclusive.
        hi: AttributeValue,
    },
    /// The enumeration's label is one of `labels` (at most 64).
    InSet {
        /// Accepted labels.
        labels: Vec<String>,
    },
    /// The enumeration's label is none of `labels` (at most 64).
    NotInSet {
        /// Refused labels.
        labels: Vec<String>,
    },
    /// `attribute != value` (any kind).
    NotEqual {
        /// The excluded value.
        value: AttributeValue,
    },
}

/// A predicate on one attribute of a requested credential (an attribute may have several).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributePredicate {
    /// A schema attribute, `issued_on` or `expires_on`.
    pub attribute: String,
    /// The predicate.
    pub predicate: PredicateSpec,
}

impl AttributePredicate {
    /// `predicate` on `attribute`.
    pub fn new(attribute: impl Into<String>, predicate: PredicateSpec) -> Self {
        Self {
            attribute: attribute.into(),
            predicate,
        }
    }

    /// `expires_on >= today`.
    pub fn not_expired(today: Date) -> Self {
        Self::new(EXPIRES_ON, PredicateSpec::NotExpired { today })
    }

    /// A one-line description, e.g. `birth_date: age at least 18 on 2026-11-22`: dates as
    /// `YYYY-MM-DD`, integers as integers, text values and labels with invisible or
    /// bidirectional characters written as `<U+XXXX>`.
    pub fn describe(&self) -> String {
        let shown = |v: &AttributeValue| escape_invisible(&v.to_string());
        let listed = |labels: &[String]| escape_invisible(&labels.join(", "));
        let what = match &self.predicate {
            PredicateSpec::AgeAtLeast { years, today } => {
                format!("age at least {years} on {}", format_date(*today))
            }
            PredicateSpec::NotExpired { today } => {
                format!("not expired on {}", format_date(*today))
            }
            PredicateSpec::Compare { op, value } => format!("{} {}", op.symbol(), shown(value)),
            PredicateSpec::Range { lo, hi } => format!("in [{}, {}]", shown(lo), shown(hi)),
            PredicateSpec::InSet { labels } => format!("in {{{}}}", listed(labels)),
            PredicateSpec::NotInSet { labels } => format!("not in {{{}}}", listed(labels)),
            PredicateSpec::NotEqual { value } => format!("!= {}", shown(value)),
        };
        format!("{}: {what}", escape_invisible(&self.attribute))
    }
}

/// What the verifier asks of one credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialRequest {
    /// A name for this credential within the request (unique; `a-z 0-9 _ -`, 1-64).
    pub label: String,
    /// The schema the credential must have.
    pub schema_id: SchemaId,
    /// Which issuers are accepted (by id, tier, jurisdiction).
    #[serde(default)]
    pub accepted_issuers: AcceptedIssuers,
    /// Issuer hiding (docs/SECURITY.md §7): when present, the presentation proves that the
    /// credential was signed by one of these issuers, in this order, without saying which,
    /// and the verifier learns only the set. The verifier resolves it when it makes the
    /// request ([`super::resolve_hidden_set`]: the issuers of its registry that
    /// `accepted_issuers` accepts and that are authorised for the schema); holder and
    /// verifier take each issuer's keys (W, X) from their own registries. Absent: the issuer
    /// is named, and the request's bytes are those of a request without issuer hiding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_issuer_among: Option<Vec<IssuerId>>,
    /// Attributes to disclose (schema attributes, `issued_on`, `expires_on`).
    #[serde(default)]
    pub disclose: Vec<String>,
    /// Predicates on attributes (several per attribute allowed).
    #[serde(default)]
    pub predicates: Vec<AttributePredicate>,
}

/// A [`CredentialRequest`] compiled against its schema on the request's date: BBS message
/// indexes and statements, the request's own predicates first, then the implicit validity
/// statements ([`super::validity::implicit_statements`]).
#[derive(Clone, Debug)]
pub struct CompiledRequest {
    /// Disclosed signer-message indexes, ascending.
    pub disclosed: Vec<usize>,
    /// The attribute names of `disclosed`, in the same order.
    pub disclosed_names: Vec<String>,
    /// The statements on message indexes: the request's predicates in request order, then the
    /// last [`CompiledRequest::implicit`] ones, the validity defaults.
    pub statements: Vec<PredicateStatement>,
    /// One description per statement ([`AttributePredicate::describe`]).
    pub descriptions: Vec<String>,
    /// The attribute of each statement.
    pub attributes: Vec<String>,
    /// Indexes in `statements` that prove `expires_on` on or after a date (`not_expired`
    /// predicates and the `expires_on >= date` default).
    pub not_expired: Vec<usize>,
    /// Indexes in `statements` of the `issued_on <= date` default, if present.
    pub already_issued: Vec<usize>,
    /// How many statements at the end of `statements` are implicit validity defaults.
    pub implicit: usize,
    /// The request's date, on which validity is judged.
    pub date: Date,
}

impl CredentialRequest {
    /// A request for a credential of `schema_id` from any issuer, disclosing nothing.
    pub fn new(label: impl Into<String>, schema_id: SchemaId) -> Self {
        Self {
            label: label.into(),
            schema_id,
            accepted_issuers: AcceptedIssuers::any(),
            hide_issuer_among: None,
            disclose: Vec::new(),
            predicates: Vec::new(),
        }
    }

    /// Compiles the request against the credential's schema (which must have the request's
    /// schema id) on `date`, the date of the [`PresentationRequest`]: its predicates, then the
    /// validity defaults that they do not imply. `ctx` is the message-encoding context of
    /// credentials ([`super::issuance::message_context`]), used by `not_equal` on hashed kinds.
    pub fn compile(
        &self,
        schema: &Schema,
        ctx: &Bbs,
        date: Date,
    ) -> PresentationResult<CompiledRequest> {
        let invalid =
            |m: String| PresentationError::InvalidRequest(format!("'{}': {m}", self.label));
        if *schema.id() != self.schema_id {
            return Err(invalid(format!(
                "schema {} given for a request of schema {}",
                schema.id(),
                self.schema_id
            )));
        }
        if self.hide_issuer_among.is_some() && !schema.issuer_hiding() {
            return Err(invalid(format!(
                "schema {} has no issuer hiding: its issuer cannot be hidden",
                schema.name()
            )));
        }
        let mut disclosed: Vec<(usize, String)> = Vec::with_capacity(self.disclose.len());
        for name in &self.disclose {
            let index = signer_index(schema, name).ok_or_else(|| {
                invalid(format!(
                    "cannot disclose '{name}': not an attribute of {}",
                    schema.name()
                ))
            })?;
            if disclosed.iter().any(|(i, _)| *i == index) {
                return Err(invalid(format!("'{name}' is disclosed twice")));
            }
            disclosed.push((index, name.clone()));
        }
        disclosed.sort();
        if self.predicates.len() > MAX_PREDICATES {
            return Err(invalid(format!("more than {MAX_PREDICATES} predicates")));
        }
        let mut statements = Vec::with_capacity(self.predicates.len());
        let mut descriptions = Vec::with_capacity(self.predicates.len());
        let mut attributes = Vec::with_capacity(self.predicates.len());
        let mut not_expired = Vec::new();
        for (i, p) in self.predicates.iter().enumerate() {
            let index = signer_index(schema, &p.attribute).ok_or_else(|| {
                invalid(format!(
                    "predicate on '{}': not an attribute of {}",
                    p.attribute,
                    schema.name()
                ))
            })?;
            let predicate = compile_predicate(schema, p, ctx)
                .and_then(|predicate| match predicate.circuit() {
                    // Parameters the circuit refuses (an empty range, a date out of range)
                    // are the request's error, with its bounds as written.
                    Ok(_) => Ok(predicate),
                    Err(e) => Err(e.to_string()),
                })
                .map_err(|e| invalid(format!("predicate {} ({}): {e}", i, p.describe())))?;
            if matches!(p.predicate, PredicateSpec::NotExpired { .. }) {
                not_expired.push(statements.len());
            }
            statements.push(PredicateStatement::new(index, predicate));
            descriptions.push(p.describe());
            attributes.push(p.attribute.clone());
        }
        let implicit = implicit_statements(schema, &self.predicates, date);
        let mut already_issued = Vec::new();
        for s in &implicit {
            let (list, name) = match s.bound {
                ValidityBound::NotExpired => (&mut not_expired, EXPIRES_ON),
                ValidityBound::AlreadyIssued => (&mut already_issued, ISSUED_ON),
            };
            list.push(statements.len());
            statements.push(s.statement.clone());
            descriptions.push(s.description.clone());
            attributes.push(name.to_owned());
        }
        Ok(CompiledRequest {
            disclosed: disclosed.iter().map(|(i, _)| *i).collect(),
            disclosed_names: disclosed.into_iter().map(|(_, n)| n).collect(),
            statements,
            descriptions,
            attributes,
            not_expired,
            already_issued,
            implicit: implicit.len(),
            date,
        })
    }
}

/// The signer-message index of a schema attribute, `issued_on` or `expires_on` (never the
/// holder secret, which is a committed message).
pub fn signer_index(schema: &Schema, name: &str) -> Option<usize> {
    if name == HOLDER_SECRET {
        return None;
    }
    schema.index_of(name)
}

/// The attribute definition to encode values of `name` with: dates for the trailing two.
fn attribute_kind<'a>(schema: &'a Schema, name: &str) -> Option<&'a AttributeKind> {
    static DATE: AttributeKind = AttributeKind::Date;
    if name == ISSUED_ON || name == EXPIRES_ON {
        return Some(&DATE);
    }
    schema.attribute(name).map(|a| &a.kind)
}

fn compile_predicate(
    schema: &Schema,
    p: &AttributePredicate,
    ctx: &Bbs,
) -> core::result::Result<Predicate, String> {
    let kind = attribute_kind(schema, &p.attribute).ok_or("unknown attribute")?;
    let wrong = |what: &str| {
        format!(
            "{what} does not apply to {} attribute",
            with_article(kind.name())
        )
    };
    Ok(match &p.predicate {
        PredicateSpec::AgeAtLeast { years, today } => match kind {
            AttributeKind::Date => Predicate::age_at_least(*today, *years),
            _ => return Err(wrong("age_at_least")),
        },
        PredicateSpec::NotExpired { today } => {
            if p.attribute != EXPIRES_ON {
                return Err("not_expired applies to expires_on only".into());
            }
            Predicate::compare_date(CmpOp::Ge, *today)
        }
        PredicateSpec::Compare { op, value } => match (kind, value) {
            (AttributeKind::Integer, AttributeValue::Integer(x)) => {
                Predicate::compare_i64(op.cmp_op(), *x)
            }
            (AttributeKind::Date, AttributeValue::Date(d)) => {
                Predicate::compare_date(op.cmp_op(), *d)
            }
            _ => {
                return Err(wrong(&format!(
                    "compare with {} value",
                    with_article(value.kind_name())
                )))
            }
        },
        PredicateSpec::Range { lo, hi } => match (kind, lo, hi) {
            (AttributeKind::Integer, AttributeValue::Integer(a), AttributeValue::Integer(b)) => {
                Predicate::range_i64(*a, *b)
            }
            (AttributeKind::Date, AttributeValue::Date(a), AttributeValue::Date(b)) => {
                Predicate::range_date(*a, *b)
            }
            _ => return Err(wrong("range with these bounds")),
        },
        PredicateSpec::InSet { labels } | PredicateSpec::NotInSet { labels } => {
            let def = schema
                .attribute(&p.attribute)
                .filter(|a| matches!(a.kind, AttributeKind::Enumeration { .. }))
                .ok_or_else(|| wrong("a label set"))?;
            if labels.is_empty() || labels.len() > MAX_SET_SIZE {
                return Err(format!("a label set needs 1..={MAX_SET_SIZE} labels"));
            }
            let mut set = Vec::with_capacity(labels.len());
            for label in labels {
                let code = def.enum_code(label).map_err(|e| e.to_string())?;
                let encoded = encode_enum_code(code).map_err(|e| e.to_string())?;
                if set.contains(&encoded) {
                    return Err(format!("label '{label}' is listed twice"));
                }
                set.push(encoded);
            }
            if matches!(p.predicate, PredicateSpec::InSet { .. }) {
                Predicate::in_set(&set)
            } else {
                Predicate::not_in_set(&set)
            }
        }
        PredicateSpec::NotEqual { value } => {
            let scalar = match (kind, value) {
                (AttributeKind::Date, AttributeValue::Date(d)) => {
                    super::encoding::encode_date_scalar(*d)
                }
                _ => {
                    let def = schema
                        .attribute(&p.attribute)
                        .ok_or_else(|| wrong("not_equal"))?;
                    encode(def, value, ctx).map_err(|e| e.to_string())?
                }
            };
            Predicate::not_equal(scalar)
        }
    })
}

/// A verifier's presentation request. A versioned JSON document (`docs/FORMATS.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentationRequest {
    /// The verifier's id (1-128 characters `a-z 0-9 . _ -`, as
    /// [`super::verifier_identity::is_verifier_id`]); bound into every proof.
    pub verifier_id: String,
    /// A fresh nonce; the verifier accepts it once.
    pub nonce: Nonce,
    /// When the request may be answered: the wallet and the verifier refuse it outside
    /// `made_at ..= valid_until` (with [`super::window::CLOCK_SKEW`]), and every credential
    /// must be valid on the UTC date of `made_at` ([`PresentationRequest::date`]).
    pub window: RequestWindow,
    /// The credentials asked for, each with its own label.
    pub credentials: Vec<CredentialRequest>,
    /// Whether the holder must prove that all credentials carry the same holder secret. On by
    /// default: credentials asked for together are meant to be one person's, and a request
    /// that does not want the link must say so (`false`). It applies to requests of two or
    /// more credentials ([`PresentationRequest::links_holder`]).
    pub same_holder: bool,
    /// The pseudonym scope, a name the verifier owns in the wallet's verifier registry: with
    /// it, each credential proof carries the holder's stable pseudonym for the context
    /// [`super::pseudonym_context_id`]`(verifier_id, scope)`, never for the raw scope string.
    pub pseudonym_scope: Option<String>,
}

impl PresentationRequest {
    /// A request answerable in `window` (normally [`RequestWindow::starting`] the verifier's
    /// now) with a fresh nonce, no credential yet, the same holder asked for (once there are
    /// two or more credentials), no pseudonym.
    pub fn new(verifier_id: impl Into<String>, nonce: Nonce, window: RequestWindow) -> Self {
        Self {
            verifier_id: verifier_id.into(),
            nonce,
            window,
            credentials: Vec::new(),
            same_holder: true,
            pseudonym_scope: None,
        }
    }

    /// The request's day: the UTC date of `made_at`. Credentials are judged on it (the
    /// validity defaults of [`super::validity`]).
    pub fn date(&self) -> Date {
        self.window.date()
    }

    /// Whether a presentation must carry the holder link: `same_holder` and two or more
    /// credentials (one credential has nothing to link to).
    pub fn links_holder(&self) -> bool {
        self.same_holder && self.credentials.len() > 1
    }

    /// The canonical bytes of the request: its compact JSON, fields in the documented order,
    /// no whitespace (what the request id hashes and the verifier signs).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // Serializing plain data structures to a Vec cannot fail.
        serde_json::to_vec(&self.to_wire()).unwrap_or_default()
    }

    /// SHA-256 of `"zkcred/request-id/v1" || the compact JSON of the request`
    /// ([`PresentationRequest::canonical_bytes`]).
    pub fn id(&self) -> RequestId {
        let mut h = Sha256::new();
        h.update(REQUEST_ID_DOMAIN);
        h.update(self.canonical_bytes());
        RequestId(h.finalize().into())
    }

    /// The requested credential with `label`.
    pub fn credential(&self, label: &str) -> Option<&CredentialRequest> {
        self.credentials.iter().find(|c| c.label == label)
    }

    /// Structural checks that need no schema: a verifier id
    /// ([`RequestAuthError::InvalidVerifierId`]), a window ending after it starts and no
    /// longer than [`super::window::MAX_REQUEST_LIFETIME`] ([`RequestWindow::validate`]),
    /// 1..=16 credentials with unique, well-formed labels, well-formed issuer policies, a
    /// printable scope if given ([`RequestAuthError::InvalidScope`]), hidden-issuer sets of
    /// 1..=256 distinct ids ([`super::HiddenIssuerError`]).
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| CredentialError::MalformedJson(format!("request: {m}"));
        self.window.validate()?;
        if !is_verifier_id(&self.verifier_id) {
            return Err(RequestAuthError::InvalidVerifierId(self.verifier_id.clone()).into());
        }
        if self.credentials.is_empty() || self.credentials.len() > MAX_REQUESTED_CREDENTIALS {
            return Err(bad(format!(
                "1..={MAX_REQUESTED_CREDENTIALS} credentials required"
            )));
        }
        let mut labels = BTreeSet::new();
        for c in &self.credentials {
            if !is_label(&c.label) {
                return Err(bad(format!(
                    "invalid label '{}': use 1-64 characters a-z 0-9 _ -",
                    super::json::clip(&c.label)
                )));
            }
            if !labels.insert(c.label.as_str()) {
                return Err(bad(format!("label '{}' is used twice", c.label)));
            }
            c.accepted_issuers.validate()?;
            if let Some(ids) = &c.hide_issuer_among {
                super::hidden_set::check_set_ids(ids)?;
            }
        }
        if let Some(scope) = &self.pseudonym_scope {
            check_scope_name(scope)?;
        }
        Ok(())
    }
}

fn is_label(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// JSON form of [`PresentationRequest`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresentationRequestWire {
    /// Format version, [`REQUEST_VERSION`].
    pub version: u64,
    /// The verifier's id.
    pub verifier_id: String,
    /// 32 bytes, hex.
    pub nonce: Nonce,
    /// When the request was made, RFC 3339 UTC (`2026-11-30T06:40:00Z`); its date is the day
    /// credentials are judged on.
    pub made_at: Timestamp,
    /// The last instant the request may be answered, RFC 3339 UTC.
    pub valid_until: Timestamp,
    /// The requested credentials.
    pub credentials: Vec<CredentialRequest>,
    /// Holder-secret equality across all credentials; `true` when absent.
    #[serde(default = "same_holder_default")]
    pub same_holder: bool,
    /// The pseudonym scope, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym_scope: Option<String>,
}

/// `same_holder` when the JSON omits it: on (opting out must be explicit).
fn same_holder_default() -> bool {
    true
}

/// `Ok` for [`REQUEST_VERSION`]; a version-1 request (dated, no window) is refused with
/// [`CredentialError::DatedRequest`], which says what changed; any other version is
/// unsupported.
fn check_request_version(version: u64) -> Result<()> {
    match version {
        REQUEST_VERSION => Ok(()),
        FORMAT_VERSION => Err(CredentialError::DatedRequest),
        other => Err(CredentialError::UnsupportedVersion(other)),
    }
}

impl JsonDocument for PresentationRequest {
    type Wire = PresentationRequestWire;
    const VERSION: u64 = REQUEST_VERSION;

    fn check_document_version(version: u64) -> Result<()> {
        check_request_version(version)
    }

    fn to_wire(&self) -> PresentationRequestWire {
        PresentationRequestWire {
            version: REQUEST_VERSION,
            verifier_id: self.verifier_id.clone(),
            nonce: self.nonce,
            made_at: self.window.made_at,
            valid_until: self.window.valid_until,
            credentials: self.credentials.clone(),
            same_holder: self.same_holder,
            pseudonym_scope: self.pseudonym_scope.clone(),
        }
    }

    fn from_wire(w: PresentationRequestWire) -> Result<Self> {
        check_request_version(w.version)?;
        let r = PresentationRequest {
            verifier_id: w.verifier_id,
            nonce: w.nonce,
            window: RequestWindow {
                made_at: w.made_at,
                valid_until: w.valid_until,
            },
            credentials: w.credentials,
            same_holder: w.same_holder,
            pseudonym_scope: w.pseudonym_scope,
        };
        r.validate()?;
        Ok(r)
    }
}

impl Serialize for PresentationRequest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        self.to_wire().serialize(s)
    }
}

/// Read through [`JsonDocument`]'s checks in order (version first), also when nested in
/// another document (a signed request): a version-1 request is refused for its version with
/// [`CredentialError::DatedRequest`], not for its unknown `date` field.
impl<'de> Deserialize<'de> for PresentationRequest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        from_value(value).map_err(serde::de::Error::custom)
    }
}
