//! What a request asks, in plain words, for the holder's consent screen: who asks, which
//! issuers it accepts, what is proven, what is disclosed and what stays hidden, which stored
//! credential would answer. Shown only for a request that passed the wallet's checks (its
//! signature and scope against the verifier registry, its window).

use crate::error::{holder_error, ApiResult};
use crate::holder::RequestContext;
use rand_core::{CryptoRng, RngCore};
use serde_json::{json, Value};
use zkcred::credential::{
    message_context, AcceptedIssuers, CredentialRequest, IssuerId, IssuerPublicInfo,
    PresentationRequest, StoredCredential, TrustRegistry, Wallet,
};

/// Checks a signed request as [`crate::holder::present`] would (signature, scope, window on
/// `now`), then describes it as JSON: `{request_id, verifier: {id, name}, made_at,
/// valid_until, pseudonym_scope, same_holder, credentials: [{label, schema, schema_id,
/// issuers, issuer_hidden, proven, disclosed, hidden, candidates}], lines}`; `lines` is the
/// whole request as sentences.
pub fn describe_request<R: RngCore + CryptoRng>(
    wallet: &str,
    signed: &str,
    verifiers: &str,
    issuers: Option<&str>,
    now: &str,
    rng: &mut R,
) -> ApiResult<String> {
    crate::holder::OpenWallet::open(wallet, rng)?.describe_request(signed, verifiers, issuers, now)
}

/// [`describe_request`] on a wallet already read.
pub(crate) fn describe(
    w: &Wallet,
    signed: &str,
    verifiers: &str,
    issuers: Option<&str>,
    now: &str,
) -> ApiResult<String> {
    let ctx = RequestContext::read(signed, verifiers, issuers)?;
    let verifier = ctx.check(now)?;
    let request = ctx.signed.request();
    let credentials = request
        .credentials
        .iter()
        .map(|c| describe_credential(w, request, c, &ctx.issuers))
        .collect::<ApiResult<Vec<Value>>>()?;
    let who = format!("{} ({})", verifier.name(), verifier.id());
    let mut lines = vec![format!(
        "{who} asks for a presentation, answerable until {} (UTC).",
        request.window.valid_until
    )];
    for c in &credentials {
        lines.push(credential_line(c));
    }
    if request.same_holder && request.credentials.len() > 1 {
        lines.push(format!(
            "{who} learns that these credentials belong to the same person."
        ));
    }
    match &request.pseudonym_scope {
        Some(scope) => lines.push(format!(
            "{who} gets a pseudonym for scope '{scope}': the same each time you answer it for \
             this scope, unlinkable to any other verifier or scope."
        )),
        None => lines.push(format!(
            "{who} gets no identifier: this answer cannot be linked to any other."
        )),
    }
    Ok(json!({
        "request_id": request.id().to_string(),
        "verifier": { "id": verifier.id(), "name": verifier.name() },
        "made_at": request.window.made_at.to_string(),
        "valid_until": request.window.valid_until.to_string(),
        "pseudonym_scope": request.pseudonym_scope,
        "same_holder": request.same_holder,
        "credentials": credentials,
        "lines": lines,
    })
    .to_string())
}

/// One requested credential: its issuers, what is proven, disclosed and hidden, and the
/// stored credentials that could answer it.
fn describe_credential(
    w: &Wallet,
    request: &PresentationRequest,
    c: &CredentialRequest,
    registry: &TrustRegistry,
) -> ApiResult<Value> {
    let stored: Vec<(String, &StoredCredential)> = w
        .credentials()
        .filter(|(_, s)| s.credential.schema_id == c.schema_id)
        .map(|(id, s)| (id.to_string(), s))
        .collect();
    let known: Vec<&IssuerPublicInfo> = stored.iter().map(|(_, s)| &s.issuer).collect();
    let candidates: Vec<&str> = stored
        .iter()
        .filter(|(_, s)| accepts(c, &s.issuer))
        .map(|(id, _)| id.as_str())
        .collect();
    let (schema, proven, disclosed, hidden) = match stored.first() {
        Some((_, s)) => {
            let ctx = message_context(s.issuer.suite()).map_err(holder_error)?;
            let compiled = c
                .compile(&s.schema, &ctx, request.date())
                .map_err(holder_error)?;
            let hidden: Vec<String> = s
                .schema
                .attributes()
                .iter()
                .map(|a| a.name.clone())
                .filter(|n| !compiled.disclosed_names.contains(n))
                .collect();
            (
                s.schema.name().to_owned(),
                compiled.descriptions,
                compiled.disclosed_names,
                hidden,
            )
        }
        None => (
            format!("schema {}", c.schema_id),
            c.predicates.iter().map(|p| p.describe()).collect(),
            c.disclose.clone(),
            Vec::new(),
        ),
    };
    Ok(json!({
        "label": c.label,
        "schema": schema,
        "schema_id": c.schema_id.to_string(),
        "issuers": issuers_text(c, registry, &known),
        "issuer_hidden": c.hide_issuer_among.is_some(),
        "proven": proven,
        "disclosed": disclosed,
        "hidden": hidden,
        "candidates": candidates,
    }))
}

/// Whether `c` accepts a credential from `issuer` (its policy, and its hidden set if any).
fn accepts(c: &CredentialRequest, issuer: &IssuerPublicInfo) -> bool {
    let in_set = c
        .hide_issuer_among
        .as_ref()
        .is_none_or(|ids| ids.contains(issuer.id()));
    in_set && c.accepted_issuers.accepts(issuer)
}

/// The issuers a credential request accepts, in words.
fn issuers_text(
    c: &CredentialRequest,
    registry: &TrustRegistry,
    known: &[&IssuerPublicInfo],
) -> String {
    let name = |id: &IssuerId| {
        registry
            .get(id)
            .or_else(|| known.iter().copied().find(|i| i.id() == id))
            .map_or_else(|| format!("issuer {id}"), |i| i.name().to_owned())
    };
    if let Some(ids) = &c.hide_issuer_among {
        let names: Vec<String> = ids.iter().map(name).collect();
        return format!(
            "one of {} issuers, without saying which: {}",
            ids.len(),
            names.join(", ")
        );
    }
    policy_text(&c.accepted_issuers, name)
}

/// An issuer policy in words: ids by name, tiers, jurisdictions.
fn policy_text(policy: &AcceptedIssuers, name: impl Fn(&IssuerId) -> String) -> String {
    let mut parts = Vec::new();
    if let Some(ids) = &policy.ids {
        let names: Vec<String> = ids.iter().map(name).collect();
        parts.push(names.join(" or "));
    }
    if let Some(tiers) = &policy.tiers {
        let tiers: Vec<String> = tiers
            .iter()
            .map(|t| serde_json::to_value(t).map_or_else(|_| String::new(), |v| text(&v)))
            .collect();
        parts.push(format!("a {} authority", tiers.join(" or ")));
    }
    if let Some(places) = &policy.jurisdictions {
        parts.push(format!("in {}", places.join(" or ")));
    }
    if parts.is_empty() {
        "any issuer the verifier trusts".to_owned()
    } else {
        parts.join(", ")
    }
}

/// A JSON string value's text.
fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// One credential of a description as a sentence.
fn credential_line(c: &Value) -> String {
    let list = |key: &str| -> String {
        let items: Vec<String> = c[key]
            .as_array()
            .map(|a| a.iter().map(text).collect())
            .unwrap_or_default();
        if items.is_empty() {
            "nothing".to_owned()
        } else {
            items.join("; ")
        }
    };
    format!(
        "'{}': your {} credential from {}. It learns that {}. It sees {}. It does not see {}.",
        text(&c["label"]),
        text(&c["schema"]),
        text(&c["issuers"]),
        list("proven"),
        list("disclosed"),
        list("hidden"),
    )
}
