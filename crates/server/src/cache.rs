//! A cache of checked scenarios, so that a change in the dashboard only re-assesses.
//!
//! Parsing and checking the August scenario costs more than assessing it, and the page sends
//! the same file with the same overrides again and again (only `without` and `off` change when
//! a box is ticked). An entry is keyed by the file's canonical path and the request's `set`
//! overrides, and is valid while the file's modification time and length are what they were
//! when it was read; an edited file is read and checked again on the next request.
//!
//! This is the only state the server keeps between requests, and it changes no answer: a hit
//! returns the scenario that reading and checking the same bytes would give. It is not a cache
//! of assessments (they depend on `without` and `off`, and cost little), nor of errors (a
//! scenario that does not check is checked again, so its diagnostics are always current).
//!
//! Known limit: a file rewritten within one tick of the file system's clock with the same
//! length keeps its old entry until its time or length changes (file systems with nanosecond
//! times make this rare).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use guarantor_model::Scenario;

/// At most this many (file, overrides) pairs are kept; the least recently used goes first.
pub const CAPACITY: usize = 64;

/// What identifies the bytes a scenario was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub modified: Option<SystemTime>,
    pub len: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    set: Vec<String>,
}

#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    scenario: Arc<Scenario>,
    used: u64,
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    clock: u64,
}

/// Checked scenarios by (canonical path, overrides), shared by every request.
#[derive(Debug, Default)]
pub struct ScenarioCache {
    inner: Mutex<Inner>,
}

impl ScenarioCache {
    /// The scenario checked from `path` with `set`, if it was read at this `stamp`.
    pub fn get(&self, path: &Path, set: &[String], stamp: Stamp) -> Option<Arc<Scenario>> {
        let mut inner = self.lock();
        inner.clock += 1;
        let clock = inner.clock;
        let key = Key {
            path: path.to_path_buf(),
            set: set.to_vec(),
        };
        let entry = inner.entries.get_mut(&key)?;
        if entry.stamp != stamp {
            return None;
        }
        entry.used = clock;
        Some(Arc::clone(&entry.scenario))
    }

    /// Records a scenario checked from `path` with `set` at `stamp`, replacing an older entry
    /// and, when full, the least recently used one.
    pub fn insert(&self, path: &Path, set: &[String], stamp: Stamp, scenario: Arc<Scenario>) {
        let mut inner = self.lock();
        inner.clock += 1;
        let used = inner.clock;
        let key = Key {
            path: path.to_path_buf(),
            set: set.to_vec(),
        };
        if !inner.entries.contains_key(&key) && inner.entries.len() >= CAPACITY {
            // `used` values are unique, so the choice does not depend on the map's order.
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            key,
            Entry {
                stamp,
                scenario,
                used,
            },
        );
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave an entry half written (each operation is
        // one map call), so a poisoned lock is still usable.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Arc<Scenario> {
        let text = include_str!("../../../scenarios/ukraine-2025-08.toml");
        Arc::new(guarantor_model::load(text).scenario.expect("loads"))
    }

    #[test]
    fn a_changed_stamp_misses_and_the_least_recently_used_entry_goes_first() {
        let cache = ScenarioCache::default();
        let s = scenario();
        let t0 = Stamp {
            modified: Some(SystemTime::UNIX_EPOCH),
            len: 10,
        };
        let path = Path::new("/x/a.toml");
        cache.insert(path, &[], t0, Arc::clone(&s));
        assert!(cache.get(path, &[], t0).is_some());
        assert!(cache.get(path, &["a=1".into()], t0).is_none());
        assert!(cache.get(path, &[], Stamp { len: 11, ..t0 }).is_none());
        assert!(
            cache
                .get(
                    path,
                    &[],
                    Stamp {
                        modified: None,
                        ..t0
                    }
                )
                .is_none()
        );

        for i in 1..CAPACITY {
            cache.insert(
                &PathBuf::from(format!("/x/{i}.toml")),
                &[],
                t0,
                Arc::clone(&s),
            );
        }
        assert_eq!(cache.len(), CAPACITY);
        // Touch a.toml, so 1.toml is now the least recently used.
        assert!(cache.get(path, &[], t0).is_some());
        cache.insert(Path::new("/x/new.toml"), &[], t0, Arc::clone(&s));
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(path, &[], t0).is_some());
        assert!(cache.get(Path::new("/x/1.toml"), &[], t0).is_none());
        assert!(cache.get(Path::new("/x/2.toml"), &[], t0).is_some());
    }
}
