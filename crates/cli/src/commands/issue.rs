//! `zkcred issue`: the issuer blind-signs a credential for a holder's issuance request.

use crate::cli::IssueArgs;
use crate::dates::{add_days, date_or_today};
use crate::error::{CliError, CliResult};
use crate::files::{read_doc, read_text, write_doc, FilePlan, Secrecy};
use crate::input_file::parse_attributes;
use zkcred::credential::{
    format_date, parse_date, CredentialContent, CredentialError, IssuanceRequest, Issuer,
    PresentationError, Schema,
};

/// Runs `zkcred issue` (`force`: the credential may replace an existing file).
pub fn run(args: IssueArgs, force: bool) -> CliResult {
    FilePlan::new(force)
        .input("--issuer", &args.issuer)
        .input("--schema", &args.schema)
        .input("--attributes", &args.attributes)
        .input("--request", &args.request)
        .output("--out", &args.out, Secrecy::Public)
        .check()?;
    let issuer: Issuer = read_doc(&args.issuer)?;
    let schema: Schema = read_doc(&args.schema)?;
    let attributes =
        parse_attributes(&read_text(&args.attributes)?).map_err(|e| e.in_file(&args.attributes))?;
    let request: IssuanceRequest = read_doc(&args.request)?;
    if request.schema_id != *schema.id() {
        return Err(CliError::invalid(format!(
            "the issuance request {} asks for a credential of schema {}, this is schema {} ({}): \
             give the schema the request asks for",
            args.request.display(),
            request.schema_id,
            schema.name(),
            schema.id()
        ))
        .in_flag_file("--schema", &args.schema));
    }
    let issued_on = date_or_today(args.issued_on.as_deref()).map_err(|e| {
        if args.issued_on.is_some() {
            e.for_flag("--issued-on")
        } else {
            e
        }
    })?;
    let expires_on = match &args.expires {
        Some(text) => parse_date(text).map_err(|e| CliError::from(e).for_flag("--expires"))?,
        None => {
            if args.valid_days == 0 {
                return Err(CliError::invalid(
                    "--valid-days must be at least 1 (use --expires for an exact last day)",
                ));
            }
            add_days(issued_on, i64::from(args.valid_days) - 1)
                .map_err(|e| e.for_flag("--valid-days"))?
        }
    };
    let content = CredentialContent {
        attributes,
        issued_on,
        expires_on,
    };
    let issued = issuer
        .issue(&schema, &content, &request, &mut rand::rngs::OsRng)
        .map_err(|e| blame(e, &args))?;
    write_doc(&args.out, &issued, Secrecy::Public, force)?;
    say!(
        "issued {} by {} to request {}, valid {} to {}: {}",
        schema.name(),
        issuer.public_info().name(),
        issued.request_id,
        format_date(issued_on),
        format_date(expires_on),
        args.out.display()
    );
    Ok(())
}

/// `e` blamed on what it refuses: the attribute values (`--attributes`), the validity dates
/// (`--expires`), or the holder's request (`--request`).
fn blame(e: PresentationError, args: &IssueArgs) -> CliError {
    match e {
        PresentationError::Credential(
            CredentialError::UnknownAttribute { .. }
            | CredentialError::MissingAttribute { .. }
            | CredentialError::KindMismatch { .. }
            | CredentialError::UnknownEnumLabel { .. }
            | CredentialError::InvalidScalar(_),
        ) => CliError::from(e).in_flag_file("--attributes", &args.attributes),
        PresentationError::Credential(CredentialError::InvalidValidity { .. }) => {
            let flag = if args.expires.is_some() {
                "--expires"
            } else {
                "--issued-on"
            };
            CliError::from(e).for_flag(flag)
        }
        PresentationError::Issuance(_) => {
            CliError::from(e).in_flag_file("--request", &args.request)
        }
        other => other.into(),
    }
}
