//! WebKit settings that exist only as environment variables. WebKitGTK reads them when its
//! processes start (the page's process inherits this process's environment), and has no API
//! for them, so they are set here, first thing in `main`.
//!
//! Each one trades something the app does not use for memory (`bench/app-speed.sh`, idle
//! with the packet shown, this machine):
//! - `JSC_useJIT=false`: the page's JavaScript runs in JavaScriptCore's interpreter. The UI is
//!   a form and a few lists; the JIT's code and its working memory cost about 18 MiB for no
//!   change a nurse could notice (a form change updates the plan in 16–21 ms, as with the JIT,
//!   and the window opens faster). It also means no memory that is both writable and
//!   executable in the page's process.
//! - `GDK_GL=disable` and `WEBKIT_DISABLE_DMABUF_RENDERER=1`: the window is drawn without
//!   GPU buffers (the hardware acceleration policy is already "never"; see `main.rs`), so
//!   GTK and WebKit need not set up OpenGL buffer sharing for it: about 2 and 5 MiB less.
//! - `GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072`: every block of 128 KiB or more is
//!   its own mapping, given back to the system when freed. By default glibc raises that
//!   threshold after the first such block is freed, so WebKit's later drawing buffers come
//!   from the heap, and the holes they leave when freed are kept: about 3 MiB in the page's
//!   process. This process read its tunables before `main`, so it takes the same setting
//!   from `mallopt` (about 1 MiB more).
//!
//! A variable the user has set is left as it is, so any of these can be turned back (for
//! example `JSC_useJIT=true homeward-desktop`).

/// The size from which glibc maps each block on its own: its default starting value, kept.
const MMAP_THRESHOLD: i32 = 128 * 1024;

/// [`MMAP_THRESHOLD`] as a glibc tunable.
const MMAP_THRESHOLD_TUNABLE: &str = "glibc.malloc.mmap_threshold=131072";

/// The variables, and the value each is given when the user has not set it.
pub const LEAN: [(&str, &str); 4] = [
    ("JSC_useJIT", "false"),
    ("GDK_GL", "disable"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("GLIBC_TUNABLES", MMAP_THRESHOLD_TUNABLE),
];

/// The variables of [`LEAN`] that `get` (the environment) does not already set.
pub fn missing(
    get: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    LEAN.into_iter().filter(|(k, _)| get(k).is_none()).collect()
}

/// Sets the variables of [`LEAN`] that the user has not set, and gives this process the
/// malloc setting when the tunables are the ones set here.
///
/// Must be called first thing in `main`, before any thread is started: see the safety note.
#[allow(unsafe_code)]
pub fn apply() {
    for (key, value) in missing(|k| std::env::var_os(k)) {
        // SAFETY: `set_var` is unsafe because another thread could read the environment
        // while it changes. This runs as the first statement of `main`: no thread of ours
        // exists yet, Tauri, GTK and WebKit have not been initialised, and no library the
        // binary links starts a thread while it loads, so nothing else can be reading.
        unsafe { std::env::set_var(key, value) };
    }
    if std::env::var_os("GLIBC_TUNABLES").is_some_and(|v| v == MMAP_THRESHOLD_TUNABLE) {
        // This process read the tunables before `main`; `mallopt` is glibc's call for the
        // same setting (and, as the tunable does, it stops glibc raising the threshold).
        // SAFETY: `mallopt` takes two integers and changes only the allocator's own
        // settings, under the allocator's lock; it touches no memory of ours.
        let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) };
        if set != 1 {
            eprintln!("homeward-desktop: could not set the malloc mmap threshold; going on");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tunable and `mallopt` set the same size.
    #[test]
    fn the_tunable_is_the_mallopt_threshold() {
        assert_eq!(
            MMAP_THRESHOLD_TUNABLE,
            format!("glibc.malloc.mmap_threshold={MMAP_THRESHOLD}")
        );
    }

    #[test]
    fn only_the_variables_the_user_has_not_set_are_set() {
        let all = missing(|_| None);
        assert_eq!(all, LEAN.to_vec());
        let user = missing(|k| (k == "JSC_useJIT").then(|| "true".into()));
        assert_eq!(
            user,
            vec![
                ("GDK_GL", "disable"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
                ("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=131072"),
            ]
        );
        assert!(missing(|_| Some("x".into())).is_empty());
    }
}
