//! When a proving key's fixed-base tables are built: on the key's second proof (or when asked,
//! [`ProvingKey::prepared`](crate::ProvingKey::prepared)). Building them costs about as much
//! as 40 to 60 proofs of a 66-constraint circuit and saves about half of each later proof, so
//! a process that proves once with a key (a command-line run) keeps ark-groth16's prover.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::{prepared_key::PreparedProvingKey, ArkProvingKey};

/// Proofs made with a key before its tables are built.
const PROOFS_BEFORE_TABLES: usize = 1;

/// A key's tables, once built (shared by clones made afterwards), and its proof count.
#[derive(Default)]
pub(crate) struct PreparedSlot {
    proofs: AtomicUsize,
    tables: OnceLock<Arc<PreparedProvingKey>>,
}

impl PreparedSlot {
    /// The tables, built now if needed.
    pub(crate) fn get_or_build(&self, pk: &ArkProvingKey) -> &PreparedProvingKey {
        self.tables
            .get_or_init(|| Arc::new(PreparedProvingKey::new(pk)))
    }

    /// The tables for the next proof: `None` for the key's first proof unless they exist.
    pub(crate) fn for_proof(&self, pk: &ArkProvingKey) -> Option<&PreparedProvingKey> {
        if let Some(t) = self.tables.get() {
            return Some(t);
        }
        let earlier = self.proofs.fetch_add(1, Ordering::Relaxed);
        (earlier >= PROOFS_BEFORE_TABLES).then(|| self.get_or_build(pk))
    }
}

impl Clone for PreparedSlot {
    fn clone(&self) -> Self {
        let tables = OnceLock::new();
        if let Some(t) = self.tables.get() {
            let _ = tables.set(Arc::clone(t));
        }
        PreparedSlot {
            proofs: AtomicUsize::new(self.proofs.load(Ordering::Relaxed)),
            tables,
        }
    }
}

impl core::fmt::Debug for PreparedSlot {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PreparedSlot")
            .field("proofs", &self.proofs.load(Ordering::Relaxed))
            .field("tables", &self.tables.get())
            .finish()
    }
}
