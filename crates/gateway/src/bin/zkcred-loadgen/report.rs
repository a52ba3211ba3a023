//! The load generator's report: a markdown table of every level, then per setup the peak
//! throughput of each mode and the per-core gain of batching, measured in the same run.

use crate::level::LevelResult;
use std::fmt::Write;

/// One level, one line (progress on stderr).
pub fn line(r: &LevelResult) -> String {
    format!(
        "{:>9} {:>6} c={:<3} {:>4}/{:<4} ok  {:>7.1}/s  {:>6.1}/cpu-s  p50 {:>7.1} ms  p99 {:>7.1} ms  batch {:>5.1}",
        r.setup, r.mode, r.concurrency, r.accepted, r.posted, r.per_second, r.per_cpu_second,
        r.p50_ms, r.p99_ms, r.mean_batch
    )
}

/// The machine: CPU model and count, and the date (UTC).
pub fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let today = zkcred::credential::Timestamp::now()
        .map(|t| t.to_string())
        .unwrap_or_default();
    format!(
        "{cpus} x {model}; load average at the end {}; {today}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// Every level as a markdown table, then the summary.
pub fn markdown(results: &[LevelResult], machine: &str) -> String {
    let mut out = format!("Machine: {machine}\n\n");
    out.push_str(
        "| setup | mode | concurrency | accepted | presentations/s | per CPU-s | p50 ms | p99 ms | mean batch |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in results {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}/{} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            r.setup,
            r.mode,
            r.concurrency,
            r.accepted,
            r.posted,
            r.per_second,
            r.per_cpu_second,
            r.p50_ms,
            r.p99_ms,
            r.mean_batch
        );
    }
    out.push('\n');
    let mut setups: Vec<&str> = results.iter().map(|r| r.setup.as_str()).collect();
    setups.dedup();
    for setup in setups {
        out.push_str(&summary(results, setup));
    }
    out
}

/// Peak throughput per mode, and batching's per-core gain at the same concurrency.
fn summary(results: &[LevelResult], setup: &str) -> String {
    let of = |mode: &str| -> Vec<&LevelResult> {
        results
            .iter()
            .filter(|r| r.setup == setup && r.mode == mode)
            .collect()
    };
    let (single, batch) = (of("single"), of("batch"));
    let peak = |rs: &[&LevelResult]| -> Option<LevelResult> {
        rs.iter()
            .max_by(|a, b| a.per_second.total_cmp(&b.per_second))
            .map(|r| (*r).clone())
    };
    let (Some(ps), Some(pb)) = (peak(&single), peak(&batch)) else {
        return String::new();
    };
    let gain_at = |c: usize| -> Option<f64> {
        let s = single.iter().find(|r| r.concurrency == c)?;
        let b = batch.iter().find(|r| r.concurrency == c)?;
        Some(b.per_cpu_second / s.per_cpu_second)
    };
    let best_gain = batch
        .iter()
        .filter_map(|b| gain_at(b.concurrency).map(|g| (g, b.concurrency)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = format!(
        "{setup}: peak one by one {:.1}/s at concurrency {} (p99 {:.1} ms); peak batched {:.1}/s at \
         concurrency {} (p99 {:.1} ms, mean batch {:.1}); per core, batched / one by one at that \
         concurrency: {:.2}x",
        ps.per_second,
        ps.concurrency,
        ps.p99_ms,
        pb.per_second,
        pb.concurrency,
        pb.p99_ms,
        pb.mean_batch,
        gain_at(pb.concurrency).unwrap_or(0.0),
    );
    if let Some((gain, c)) = best_gain {
        let _ = write!(out, "; best {gain:.2}x at concurrency {c}");
    }
    out.push_str(".\n");
    out
}
