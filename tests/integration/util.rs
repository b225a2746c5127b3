//! Helpers: the real `homeward` binary, built once per test run, and a scratch directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The real `homeward` binary, built by cargo for this test target.
pub fn homeward_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_homeward"))
}

/// A finished `homeward` run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "homeward failed: {}", self.stderr);
        self.stdout
    }

    /// Asserts a bad-input failure (exit 2) with one line on stderr and nothing on stdout,
    /// and returns that line.
    pub fn bad_input(self) -> String {
        assert_eq!(
            self.code, 2,
            "expected exit 2; stdout: {} stderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "bad input must print no plan, got: {}",
            self.stdout
        );
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "expected one error line, got: {:?}", lines);
        lines[0].to_owned()
    }
}

/// Runs `homeward` with `args`, with no protocol override from the environment.
pub fn homeward(args: &[&str]) -> Run {
    homeward_in(None, args)
}

/// Runs homeward against the database in `dir` (`--db dir/homeward.db`).
pub fn hw(dir: &Dir, args: &[&str]) -> Run {
    let db = dir.join("homeward.db");
    let mut all = vec!["--db", db.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    homeward(&all)
}

/// Runs `homeward` with `args` in `dir` (or the current directory).
pub fn homeward_in(dir: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = Command::new(homeward_bin());
    // Every run gets this test process's own database, never the user's; tests that need
    // a particular one pass --db, which wins over the environment.
    let db = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("it-db-{}", std::process::id()))
        .join("homeward.db");
    cmd.args(args)
        .env_remove("HOMEWARD_PROTOCOL")
        .env("HOMEWARD_DB", db);
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("homeward runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A scratch directory removed when dropped.
pub struct Dir {
    pub path: PathBuf,
}

impl Dir {
    /// A new empty directory named after the test.
    pub fn new(name: &str) -> Dir {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create test dir");
        Dir { path }
    }

    /// A path inside the directory.
    pub fn join(&self, p: &str) -> PathBuf {
        self.path.join(p)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The text of a PDF, as poppler's `pdftotext` reads it.
pub fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.to_str().expect("utf-8 path"), "-"])
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
