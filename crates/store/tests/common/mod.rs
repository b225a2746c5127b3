//! What the store's test binaries share: a temporary folder removed when dropped.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub struct Tmp(pub PathBuf);

impl Tmp {
    /// A new empty folder named after the test binary (`kind`) and the test.
    pub fn new(kind: &str, name: &str) -> Tmp {
        let p = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{kind}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("mkdir");
        Tmp(p)
    }

    /// The database file in it.
    pub fn db(&self) -> PathBuf {
        self.0.join("homeward.db")
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
