//! The sample schemas and attribute files shipped in `crates/cli/data/`, built into the binary
//! (`zkcred schema sample`, `zkcred demo`).

use crate::error::CliResult;
use std::collections::BTreeMap;
use zkcred::credential::{AttributeValue, JsonDocument, Schema};

/// `vn.commune.identity`: full_name (string), birth_date (date), commune (enumeration).
pub const IDENTITY_SCHEMA: &str = include_str!("../data/identity.schema.json");
/// `vn.province.residency`: province (enumeration: the 13 Mekong Delta provinces and some
/// others, with their statistics-office codes), resident_since (date).
pub const RESIDENCY_SCHEMA: &str = include_str!("../data/residency.schema.json");
/// Sample attributes of an identity credential.
pub const IDENTITY_ATTRIBUTES: &str = include_str!("../data/identity.attributes.json");
/// Sample attributes of a residency credential.
pub const RESIDENCY_ATTRIBUTES: &str = include_str!("../data/residency.attributes.json");

/// The codes of the 13 Mekong Delta provinces in [`RESIDENCY_SCHEMA`].
pub const MEKONG_DELTA: [(&str, u64); 13] = [
    ("long_an", 80),
    ("tien_giang", 82),
    ("ben_tre", 83),
    ("tra_vinh", 84),
    ("vinh_long", 86),
    ("dong_thap", 87),
    ("an_giang", 89),
    ("kien_giang", 91),
    ("can_tho", 92),
    ("hau_giang", 93),
    ("soc_trang", 94),
    ("bac_lieu", 95),
    ("ca_mau", 96),
];

/// A sample schema by short name.
pub fn schema_text(name: &str) -> Option<&'static str> {
    match name {
        "identity" => Some(IDENTITY_SCHEMA),
        "residency" => Some(RESIDENCY_SCHEMA),
        _ => None,
    }
}

/// Parses a built-in schema.
pub fn schema(text: &str) -> CliResult<Schema> {
    Ok(Schema::from_json(text)?)
}

/// Parses built-in attributes (an attribute file, [`crate::input_file`]).
pub fn attributes(text: &str) -> CliResult<BTreeMap<String, AttributeValue>> {
    crate::input_file::parse_attributes(text)
        .map_err(|e| crate::error::CliError::invalid(format!("built-in sample attributes: {e}")))
}
