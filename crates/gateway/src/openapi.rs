//! The OpenAPI document, generated from the handlers' annotations (`/openapi.json`).

use crate::api;
use crate::error::ErrorBody;
use crate::verify::SessionResult;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The API's document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "zkcred gateway",
        description = "Sessions, signed presentation requests and verified presentations for \
                       relying services, shaped after OpenID for Verifiable Presentations \
                       (request by reference, direct post). Errors are JSON \
                       {\"error\": CODE, \"message\": TEXT}; see docs/GATEWAY.md."
    ),
    paths(
        api::create_session,
        api::get_result,
        api::verify_for_session,
        api::get_request,
        api::get_key,
        api::post_response,
        api::verifier_info,
        api::healthz,
        api::readyz,
        api::metrics,
    ),
    components(schemas(
        api::CreateSession,
        api::SessionCreated,
        api::RequestObject,
        api::KeyEntry,
        api::ResponseAccepted,
        api::ResultPending,
        api::Health,
        SessionResult,
        ErrorBody,
        crate::webhook::Notification,
    )),
    modifiers(&ApiKeyAuth),
    tags(
        (name = "service", description = "Relying services (Authorization: Bearer API key)"),
        (name = "wallet", description = "Wallets (no authentication: the session id is the capability)"),
        (name = "operations", description = "Health, readiness, metrics"),
    )
)]
pub struct ApiDoc;

struct ApiKeyAuth;

impl Modify for ApiKeyAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The service's API key (64 hex digits)"))
                    .build(),
            ),
        );
    }
}

/// The document as JSON.
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}
