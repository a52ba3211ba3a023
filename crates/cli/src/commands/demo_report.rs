//! What `zkcred demo --json` prints: one JSON document on stdout (the story's text goes to
//! stderr then), with every step and its time, what the clinic learned, and every attack
//! with who refused it, for scripts and benchmark logs.
//!
//! ```json
//! { "version": 1, "today": "2026-11-30",
//!   "steps": [ { "section": "1. Issuers make their keys", "step": "commune ...", "ms": 0.4 } ],
//!   "result": { "verified": true, ... },
//!   "attacks": [ { "attack": "the same presentation again", "refused_by": "verifier",
//!                  "error": "replayed nonce ...", "ms": 0.1 } ],
//!   "all_attacks_refused": true, "total_ms": 512.3 }
//! ```
//!
//! The recorder is per thread and off unless [`start`] was called, so the text-only demo
//! pays nothing for it.

use super::verify::VerifyOutput;
use serde::Serialize;
use std::cell::RefCell;
use std::time::Duration;

/// The document printed by `demo --json`.
#[derive(Debug, Default, Serialize)]
pub struct DemoReport {
    /// The report's format version (1).
    pub version: u32,
    /// The demo's date (UTC).
    pub today: String,
    /// Every step, in order.
    pub steps: Vec<StepRecord>,
    /// What the clinic learned.
    pub result: Option<VerifyOutput>,
    /// Every attack, in order.
    pub attacks: Vec<AttackRecord>,
    /// Whether every attack was refused.
    pub all_attacks_refused: bool,
    /// The whole run, in milliseconds.
    pub total_ms: f64,
}

/// One timed (or untimed) step.
#[derive(Debug, Serialize)]
pub struct StepRecord {
    /// The section title.
    pub section: String,
    /// What happened.
    pub step: String,
    /// How long it took, if timed.
    pub ms: Option<f64>,
}

/// One attack and its outcome.
#[derive(Debug, Serialize)]
pub struct AttackRecord {
    /// What was tried.
    pub attack: String,
    /// `verifier` or `wallet`, or `null` if nobody refused it (a bug).
    pub refused_by: Option<&'static str>,
    /// The refusal's message.
    pub error: Option<String>,
    /// How long the refusal took.
    pub ms: f64,
}

thread_local! {
    static REPORT: RefCell<Option<(DemoReport, String)>> = const { RefCell::new(None) };
}

/// Starts recording (for `--json`).
pub fn start(today: &str) {
    let report = DemoReport {
        version: 1,
        today: today.to_owned(),
        ..DemoReport::default()
    };
    REPORT.with(|r| *r.borrow_mut() = Some((report, String::new())));
}

/// Records the start of a section.
pub fn section(title: &str) {
    REPORT.with(|r| {
        if let Some((_, current)) = r.borrow_mut().as_mut() {
            *current = title.to_owned();
        }
    });
}

/// Records a step (`t` zero: untimed).
pub fn step(what: &str, t: Duration) {
    REPORT.with(|r| {
        if let Some((report, section)) = r.borrow_mut().as_mut() {
            report.steps.push(StepRecord {
                section: section.clone(),
                step: what.to_owned(),
                ms: (!t.is_zero()).then(|| millis(t)),
            });
        }
    });
}

/// Records an attack; `refused_by` is `None` if it was not refused.
pub fn attack(what: &str, refused_by: Option<&'static str>, error: Option<String>, t: Duration) {
    REPORT.with(|r| {
        if let Some((report, _)) = r.borrow_mut().as_mut() {
            report.attacks.push(AttackRecord {
                attack: what.to_owned(),
                refused_by,
                error,
                ms: millis(t),
            });
        }
    });
}

/// Records what the clinic learned.
pub fn result(output: VerifyOutput) {
    REPORT.with(|r| {
        if let Some((report, _)) = r.borrow_mut().as_mut() {
            report.result = Some(output);
        }
    });
}

/// Ends recording and returns the report (`None` if [`start`] was not called).
pub fn finish(total: Duration) -> Option<DemoReport> {
    REPORT
        .with(|r| r.borrow_mut().take())
        .map(|(mut report, _)| {
            report.all_attacks_refused = report.attacks.iter().all(|a| a.refused_by.is_some());
            report.total_ms = millis(total);
            report
        })
}

/// `t` in milliseconds.
fn millis(t: Duration) -> f64 {
    t.as_secs_f64() * 1000.0
}
