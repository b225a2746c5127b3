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
//!
//! A variable the user has set is left as it is, so any of these can be turned back (for
//! example `JSC_useJIT=true homeward-desktop`).

/// The variables, and the value each is given when the user has not set it.
pub const LEAN: [(&str, &str); 3] = [
    ("JSC_useJIT", "false"),
    ("GDK_GL", "disable"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
];

/// The variables of [`LEAN`] that `get` (the environment) does not already set.
pub fn missing(
    get: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    LEAN.into_iter().filter(|(k, _)| get(k).is_none()).collect()
}

/// Sets the variables of [`LEAN`] that the user has not set.
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_variables_the_user_has_not_set_are_set() {
        let all = missing(|_| None);
        assert_eq!(all, LEAN.to_vec());
        let user = missing(|k| (k == "JSC_useJIT").then(|| "true".into()));
        assert_eq!(
            user,
            vec![
                ("GDK_GL", "disable"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            ]
        );
        assert!(missing(|_| Some("x".into())).is_empty());
    }
}
