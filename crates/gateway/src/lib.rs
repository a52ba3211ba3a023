//! The zkcred verification gateway: relying services create sessions, wallets fetch signed
//! requests and post presentations, services read what was proven, once.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod store;

#[cfg(test)]
mod test_redis;
