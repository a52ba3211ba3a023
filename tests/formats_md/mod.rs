//! Reads `docs/FORMATS.md` and checks JSON that zkcred writes against it. Shared by
//! `tests/formats.rs` (the library's documents) and the `zkcred` CLI's unit tests (its own
//! files), which include this file by path.
//!
//! # The conventions of FORMATS.md that this relies on
//!
//! - Every document and embedded object has a section: a `##` or `###` heading; its anchor is
//!   the heading in lowercase with spaces as `-` (GitHub's), e.g. `#issuer-public-info`.
//! - A section describes its JSON object in one **field table**: a Markdown table whose header
//!   is `| field | type | ... |`. The first cell of a row names one or more field paths in
//!   backticks: `a.b` is field `b` of the object in field `a`, `a[].b` is field `b` of the
//!   objects in array `a`, and a segment in angle brackets is any key of a map
//!   (`attributes.<name>`). Every level is listed (`credentials` and `credentials[].label`).
//!   Rows are in the order the writer writes the fields.
//! - The type cell starts with `number`, `string`, `bool`, `object`, `array` (optionally
//!   `array of strings`, `array of hex ...`), `hex` (lowercase hex; `hex, N bytes` fixes the
//!   length), `date` (`YYYY-MM-DD`), or a link to another section with a field table
//!   (`[attribute value](#attribute-value)`, `array of [issuer public info](#issuer-public-info)`):
//!   the value (each item of an array) is then an object checked against that section.
//! - A document's first ```json block is its example; its top-level `"version"` is the
//!   document's version. Example keys must be documented fields (`"..."`/`"…"` keys abbreviate).
//!
//! What the checker asserts of a written document: it is an object; its `version` equals the
//! documented one; every field it writes is documented (recursively, through linked
//! sections); fields come in the documented order; hex fields are lowercase hex (of the
//! documented length), dates are dates, each value has its documented JSON type. At the end,
//! every field of each section the test owns was written at least once.

#![allow(dead_code)]

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A JSON value that keeps the order of object keys (serde_json's `Value` sorts them).
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses JSON text, keeping key order; duplicate keys are an error.
    pub fn parse(text: &str) -> Result<Json, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "bool",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(n)
                    .map(Json::Number)
                    .ok_or_else(|| E::custom("not a JSON number"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut fields: Vec<(String, Json)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Json>()? {
                    if fields.iter().any(|(seen, _)| *seen == k) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{k}`")));
                    }
                    fields.push((k, v));
                }
                Ok(Json::Object(fields))
            }
        }
        d.deserialize_any(V)
    }
}

/// One documented field path.
#[derive(Clone, Debug)]
pub struct Field {
    /// `credentials[].label`, `attributes.<name>`, ...
    pub path: String,
    /// The type cell as written.
    pub ty: String,
    /// The section the type cell links to, if any.
    pub link: Option<String>,
    /// Position in the table (row order).
    pub order: usize,
}

/// One `##`/`###` section of FORMATS.md.
#[derive(Clone, Debug)]
pub struct Section {
    pub title: String,
    pub anchor: String,
    /// The field table, by path; `None` when the section has none.
    pub fields: Option<BTreeMap<String, Field>>,
    /// The ```json blocks, parsed.
    pub examples: Vec<Json>,
    /// The ```json blocks as written.
    pub example_texts: Vec<String>,
}

impl Section {
    /// The documented version: the top-level `"version"` of the first JSON example.
    pub fn version(&self) -> Option<u64> {
        self.examples.first()?.get("version")?.as_u64()
    }

    fn fields(&self) -> &BTreeMap<String, Field> {
        self.fields
            .as_ref()
            .unwrap_or_else(|| panic!("FORMATS.md: section `{}` has no field table", self.title))
    }
}

/// FORMATS.md, parsed.
#[derive(Debug)]
pub struct Formats {
    pub sections: BTreeMap<String, Section>,
}

/// GitHub's anchor of a heading: lowercase, spaces to `-`, punctuation dropped.
pub fn anchor(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The cells of a table row, split on `|` not escaped as `\|`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell).trim().to_owned()),
            c => cell.push(c),
        }
    }
    out.push(cell.trim().to_owned());
    out
}

/// The text inside each pair of backticks.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

/// The anchor of the first `](#anchor)` link in `text`.
fn first_link(text: &str) -> Option<String> {
    let start = text.find("](#")? + 3;
    let end = text[start..].find(')')? + start;
    Some(text[start..end].to_owned())
}

/// Whether `path` is well formed: segments of `a-z 0-9 _` (optionally followed by `[]`) or
/// `<placeholder>`, joined by `.`.
fn is_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('.').all(|seg| {
            if let Some(inner) = seg.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
                return !inner.is_empty()
                    && inner.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            }
            let name = seg.strip_suffix("[]").unwrap_or(seg);
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

impl Formats {
    /// Reads and parses the file; panics with the reason if a convention is broken.
    pub fn load(path: &str) -> Formats {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        Formats::parse(&text)
    }

    /// Parses FORMATS.md text; panics with the reason if a convention is broken.
    pub fn parse(text: &str) -> Formats {
        let mut sections: BTreeMap<String, Section> = BTreeMap::new();
        let mut current: Option<Section> = None;
        let mut fence: Option<(String, String)> = None; // (info, body)
        let mut table: Vec<&str> = Vec::new();
        let lines: Vec<&str> = text.lines().collect();

        fn finish_table(section: &mut Option<Section>, table: &mut Vec<&str>) {
            if table.is_empty() {
                return;
            }
            let rows = std::mem::take(table);
            let Some(section) = section.as_mut() else {
                return;
            };
            let header = cells(rows[0]);
            if header.first().map(String::as_str) != Some("field") {
                return;
            }
            assert_eq!(
                header.get(1).map(String::as_str),
                Some("type"),
                "FORMATS.md, section `{}`: a field table's second column must be `type`",
                section.title
            );
            assert!(
                section.fields.is_none(),
                "FORMATS.md, section `{}`: more than one field table",
                section.title
            );
            let mut fields = BTreeMap::new();
            for (order, row) in rows.iter().skip(2).enumerate() {
                let row = cells(row);
                let paths = backticked(&row[0]);
                assert!(
                    !paths.is_empty(),
                    "FORMATS.md, section `{}`: row `{}` names no `field`",
                    section.title,
                    row[0]
                );
                let ty = row.get(1).cloned().unwrap_or_default();
                for path in paths {
                    assert!(
                        is_path(&path),
                        "FORMATS.md, section `{}`: `{path}` is not a field path",
                        section.title
                    );
                    let field = Field {
                        path: path.clone(),
                        ty: ty.clone(),
                        link: first_link(&ty),
                        order,
                    };
                    let again = fields.insert(path.clone(), field);
                    assert!(
                        again.is_none(),
                        "FORMATS.md, section `{}`: `{path}` is listed twice",
                        section.title
                    );
                }
            }
            section.fields = Some(fields);
        }

        fn push(sections: &mut BTreeMap<String, Section>, s: Section) {
            let anchor = s.anchor.clone();
            assert!(
                sections.insert(anchor.clone(), s).is_none(),
                "FORMATS.md: two sections with anchor #{anchor}"
            );
        }

        for line in lines {
            if let Some((info, body)) = fence.as_mut() {
                if line.trim_start().starts_with("```") {
                    if info == "json" {
                        let section = current.as_mut().unwrap_or_else(|| {
                            panic!("FORMATS.md: a JSON block before the first section")
                        });
                        let value = Json::parse(body).unwrap_or_else(|e| {
                            panic!(
                                "FORMATS.md, section `{}`: a JSON example is not JSON ({e}):\n{body}",
                                section.title
                            )
                        });
                        section.examples.push(value);
                        section.example_texts.push(body.clone());
                    }
                    fence = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
                continue;
            }
            if let Some(info) = line.trim_start().strip_prefix("```") {
                finish_table(&mut current, &mut table);
                fence = Some((info.trim().to_owned(), String::new()));
                continue;
            }
            if line.trim_start().starts_with('|') {
                table.push(line);
                continue;
            }
            finish_table(&mut current, &mut table);
            let title = line
                .strip_prefix("## ")
                .or_else(|| line.strip_prefix("### "));
            if let Some(title) = title {
                if let Some(done) = current.take() {
                    push(&mut sections, done);
                }
                current = Some(Section {
                    title: title.trim().to_owned(),
                    anchor: anchor(title),
                    fields: None,
                    examples: Vec::new(),
                    example_texts: Vec::new(),
                });
            }
        }
        assert!(fence.is_none(), "FORMATS.md: an unclosed code block");
        finish_table(&mut current, &mut table);
        if let Some(done) = current.take() {
            push(&mut sections, done);
        }

        let formats = Formats { sections };
        formats.check_links(text);
        formats.check_examples();
        formats
    }

    /// Every `](#anchor)` of the file names a section.
    fn check_links(&self, text: &str) {
        let mut rest = text;
        while let Some(i) = rest.find("](#") {
            rest = &rest[i + 3..];
            let end = rest.find(')').expect("a closed link");
            let target = &rest[..end];
            assert!(
                self.sections.contains_key(target),
                "FORMATS.md links to #{target}, which is no section"
            );
        }
    }

    /// Every example key is a documented field (keys `...`/`…` abbreviate).
    fn check_examples(&self) {
        let mut errors = Vec::new();
        for s in self.sections.values() {
            if s.fields.is_none() {
                continue;
            }
            if let Some(example) = s.examples.first() {
                let mut walk = Walk {
                    formats: self,
                    errors: &mut errors,
                    written: None,
                    example: true,
                };
                walk.object(s, "", example, &format!("example of `{}`", s.title));
            }
        }
        assert!(
            errors.is_empty(),
            "FORMATS.md examples:\n{}",
            errors.join("\n")
        );
    }

    /// The section titled `title` (panics, naming it, if FORMATS.md has none).
    pub fn section(&self, title: &str) -> &Section {
        self.sections
            .get(&anchor(title))
            .unwrap_or_else(|| panic!("FORMATS.md has no section `{title}` (#{})", anchor(title)))
    }

    /// The titles of every section with a field table.
    pub fn tabled_sections(&self) -> BTreeSet<String> {
        self.sections
            .values()
            .filter(|s| s.fields.is_some())
            .map(|s| s.title.clone())
            .collect()
    }

    /// A checker of written documents.
    pub fn checker(&self) -> Checker<'_> {
        Checker {
            formats: self,
            errors: Vec::new(),
            written: BTreeMap::new(),
        }
    }
}

/// Checks written documents; [`Checker::finish`] reports every difference at once.
pub struct Checker<'a> {
    formats: &'a Formats,
    errors: Vec<String>,
    /// Section anchor → the field paths written.
    written: BTreeMap<String, BTreeSet<String>>,
}

impl Checker<'_> {
    /// Checks `text`, written by the writer of the document of section `title`.
    pub fn document(&mut self, title: &str, text: &str) {
        let section = self.formats.section(title);
        let value = Json::parse(text)
            .unwrap_or_else(|e| panic!("the written `{title}` is not JSON ({e}):\n{text}"));
        let documented = section.version().unwrap_or_else(|| {
            panic!("FORMATS.md, section `{title}`: no JSON example with a \"version\"")
        });
        if value.get("version").is_none() {
            self.errors.push(format!(
                "`{title}`: written without a version (documented: {documented})"
            ));
        }
        let mut walk = Walk {
            formats: self.formats,
            errors: &mut self.errors,
            written: Some(&mut self.written),
            example: false,
        };
        walk.object(section, "", &value, &format!("written `{title}`"));
    }

    /// Panics with every difference found, and with every field of the sections in `owned`
    /// that is documented but was never written.
    pub fn finish(mut self, owned: &[&str]) {
        for title in owned {
            let section = self.formats.section(title);
            let documented: BTreeSet<&String> = section.fields().keys().collect();
            let written = self
                .written
                .get(&section.anchor)
                .cloned()
                .unwrap_or_default();
            for path in documented {
                if !written.contains(path) {
                    self.errors.push(format!(
                        "`{title}`: `{path}` is documented but never written"
                    ));
                }
            }
        }
        if !self.errors.is_empty() {
            let mut report = String::from("docs/FORMATS.md does not match what zkcred writes:\n");
            for e in &self.errors {
                let _ = writeln!(report, "  - {e}");
            }
            panic!("{report}");
        }
    }
}

/// One walk over a value along a section's field table.
struct Walk<'f, 'e> {
    formats: &'f Formats,
    errors: &'e mut Vec<String>,
    /// Where to record written paths (`None` for examples).
    written: Option<&'e mut BTreeMap<String, BTreeSet<String>>>,
    /// Examples: placeholders allowed, no value checks, `...` keys skipped.
    example: bool,
}

impl Walk<'_, '_> {
    /// `value` must be an object of `section` (at `prefix` inside it).
    fn object(&mut self, section: &Section, prefix: &str, value: &Json, at: &str) {
        let Json::Object(entries) = value else {
            self.errors
                .push(format!("{at}: expected an object, got {}", value.kind()));
            return;
        };
        let fields = section.fields();
        if prefix.is_empty() {
            if let (Some(v), Some(documented)) = (value.get("version"), section.version()) {
                if !self.example && v.as_u64() != Some(documented) {
                    self.errors
                        .push(format!("{at}: version {v:?}, documented {documented}"));
                }
            }
        }
        let join = |name: &str| {
            if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}.{name}")
            }
        };
        // A map: the table lists `prefix.<placeholder>`.
        let placeholder = fields.keys().find(|p| {
            p.strip_prefix(&join(""))
                .is_some_and(|rest| rest.starts_with('<') && !rest.contains('.'))
        });
        let mut last_order: Option<(usize, String)> = None;
        for (key, child) in entries {
            if self.example && (key.starts_with("...") || key.starts_with('…')) {
                continue;
            }
            let path = match (fields.get(&join(key)), placeholder) {
                (Some(_), _) => join(key),
                (None, Some(p)) => p.clone(),
                (None, None) => {
                    self.errors.push(format!(
                        "{at}: field `{}` is not documented in section `{}`",
                        join(key),
                        section.title
                    ));
                    continue;
                }
            };
            let field = &fields[&path];
            if placeholder.is_none() && !self.example {
                if let Some((order, before)) = &last_order {
                    if field.order < *order {
                        self.errors.push(format!(
                            "{at}: `{path}` is written after `{before}` but documented before it"
                        ));
                    }
                }
                last_order = Some((field.order, path.clone()));
            }
            if let Some(written) = self.written.as_deref_mut() {
                written
                    .entry(section.anchor.clone())
                    .or_default()
                    .insert(path.clone());
            }
            let here = format!("{at}, `{path}`");
            self.value(section, field, child, &here);
        }
    }

    /// A field's value: its type, then its own fields (in this section or a linked one).
    fn value(&mut self, section: &Section, field: &Field, value: &Json, at: &str) {
        if self.example {
            // Examples abbreviate values.
        } else {
            self.no_uppercase_hex(value, at);
            let linked_value = field
                .link
                .as_ref()
                .is_some_and(|l| self.formats.sections[l].fields.is_none());
            // A link to a section without a field table (the nonce) names a plain value.
            if !linked_value {
                self.check_type(section, field, value, at);
            }
        }
        if let Some(link) = &field.link {
            let target = &self.formats.sections[link];
            if target.fields.is_none() {
                return;
            }
            match value {
                Json::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.object(target, "", item, &format!("{at}[{i}] ({})", target.title));
                    }
                }
                Json::String(_) if self.example => {}
                _ => self.object(target, "", value, &format!("{at} ({})", target.title)),
            }
            return;
        }
        let fields = section.fields();
        let path = &field.path;
        let has_children = |p: &str| fields.keys().any(|k| k.starts_with(&format!("{p}.")));
        match value {
            Json::Object(_) => self.object(section, path, value, at),
            Json::Array(items) => {
                let items_path = format!("{path}[]");
                for (i, item) in items.iter().enumerate() {
                    let item_at = format!("{at}[{i}]");
                    match item {
                        Json::Object(_) => self.object(section, &items_path, item, &item_at),
                        _ if has_children(&items_path) && !self.example => {
                            self.errors.push(format!(
                                "{item_at}: documented as an object, written as {}",
                                item.kind()
                            ))
                        }
                        _ => {}
                    }
                }
            }
            _ if has_children(path) && !(self.example && matches!(value, Json::String(_))) => {
                self.errors.push(format!(
                    "{at}: documented as an object with fields, written as {}",
                    value.kind()
                ))
            }
            _ => {}
        }
    }

    /// Whatever its documented type, a string that looks like binary data (32 or more hex
    /// digits) is written in lowercase.
    fn no_uppercase_hex(&mut self, value: &Json, at: &str) {
        match value {
            Json::String(s)
                if s.len() >= 32
                    && s.bytes().all(|b| b.is_ascii_hexdigit())
                    && s.bytes().any(|b| b.is_ascii_uppercase()) =>
            {
                self.errors
                    .push(format!("{at}: uppercase hex written: {s}"));
            }
            Json::Array(items) => {
                for item in items {
                    self.no_uppercase_hex(item, at);
                }
            }
            _ => {}
        }
    }

    /// The value against the field's type cell.
    fn check_type(&mut self, section: &Section, field: &Field, value: &Json, at: &str) {
        let ty = field.ty.trim();
        let bad = |what: &str| format!("{at}: documented as {what} (`{ty}`), written {value:?}");
        let hex_ok = |v: &Json| match v {
            Json::String(s) => {
                s.len() % 2 == 0
                    && s.bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            }
            _ => false,
        };
        let bytes = || -> Option<usize> {
            let i = ty.find(" bytes")?;
            ty[..i]
                .rsplit(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        };
        if ty.starts_with('[') {
            if !matches!(value, Json::Object(_)) {
                self.errors.push(bad("an object"));
            }
        } else if let Some(rest) = ty.strip_prefix("array") {
            let Json::Array(items) = value else {
                self.errors.push(bad("an array"));
                return;
            };
            let rest = rest.trim_start();
            if let Some(of) = rest.strip_prefix("of ") {
                for item in items {
                    let ok = if of.starts_with("hex") {
                        hex_ok(item)
                    } else if of.starts_with("string") {
                        matches!(item, Json::String(_))
                    } else if of.starts_with('[') {
                        matches!(item, Json::Object(_))
                    } else {
                        panic!(
                            "FORMATS.md, section `{}`: unknown item type in `{ty}` of `{}`",
                            section.title, field.path
                        )
                    };
                    if !ok {
                        self.errors.push(bad("an array of that"));
                    }
                }
            }
        } else if ty.starts_with("hex") {
            if !hex_ok(value) {
                self.errors.push(bad("lowercase hex"));
            } else if let (Some(n), Json::String(s)) = (bytes(), value) {
                if s.len() != 2 * n {
                    self.errors.push(bad(&format!("{n} bytes of hex")));
                }
            }
        } else if ty.starts_with("date") {
            let ok = matches!(value, Json::String(s) if is_date(s));
            if !ok {
                self.errors.push(bad("a date"));
            }
        } else if ty.starts_with("timestamp") {
            let ok = matches!(value, Json::String(s) if is_timestamp(s));
            if !ok {
                self.errors.push(bad("a timestamp `YYYY-MM-DDTHH:MM:SSZ`"));
            }
        } else {
            let want = ["number", "string", "bool", "object"]
                .into_iter()
                .find(|k| ty.starts_with(k))
                .unwrap_or_else(|| {
                    panic!(
                        "FORMATS.md, section `{}`: unknown type `{ty}` of `{}`",
                        section.title, field.path
                    )
                });
            if value.kind() != want {
                self.errors.push(bad(want));
            }
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` (the one spelling zkcred writes and reads).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && is_date(&s[..10])
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
        && [11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

/// `YYYY-MM-DD` with at least four year digits and an optional `-`.
fn is_date(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts[0].len() >= 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}
