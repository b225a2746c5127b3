//! What the desktop shell does before the window opens.

use super::*;

/// The processes whose environment names `var=value`, read from /proc.
fn processes_with(var: &str, value: &str) -> Vec<(u32, Vec<String>)> {
    let want = format!("{var}={value}");
    std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let raw = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
            let env: Vec<String> = raw
                .split(|b| *b == 0)
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .collect();
            env.contains(&want).then_some((pid, env))
        })
        .collect()
}

/// The names of `pid`'s threads.
fn threads(pid: u32) -> Vec<String> {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|d| {
            d.flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                .map(|n| n.trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The parent of `pid`, from /proc.
fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Whether `pid` was started by `ancestor`, directly or through others (a sandbox).
fn descends_from(mut pid: u32, ancestor: u32) -> bool {
    while let Some(p) = parent(pid) {
        if p == ancestor {
            return true;
        }
        if p <= 1 {
            return false;
        }
        pid = p;
    }
    false
}

/// The proportional set size of `pid`, in MiB.
fn pss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Without accelerated compositing WebKit's page process holds about half the memory once
/// the packet is shown. The app turns it off itself when started as a desktop launcher
/// starts it (the variable unset), and the window still draws. It also starts the page's
/// process with the settings of `webkit_env.rs` (no JIT, no GPU buffer sharing, large
/// blocks given back when freed). Measured
/// with `bench/app-speed.sh`: the page process holds about 128 MiB with the packet shown;
/// with `WEBKIT_DISABLE_COMPOSITING_MODE=0` given to the app (compositing on), it held 387
/// MiB when this test was written, and the test failed.
#[test]
fn the_app_turns_off_gpu_compositing_itself_and_still_draws() {
    let case = Case::new("g-software-rendering");
    let w = case.launch();
    let app = std::env::var("HOMEWARD_APP").expect("HOMEWARD_APP");
    let app = std::fs::canonicalize(app).expect("the app");
    let db = case.db().display().to_string();
    let mine: Vec<u32> = processes_with("HOMEWARD_DB", &db)
        .into_iter()
        .map(|(pid, _)| pid)
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
        .collect();
    assert_eq!(mine.len(), 1, "one app process for this case");
    let pages: Vec<u32> = processes_with("HOMEWARD_DB", &db)
        .into_iter()
        .map(|(pid, _)| pid)
        .filter(|pid| descends_from(*pid, mine[0]))
        .filter(|pid| threads(*pid).iter().any(|t| t == "WebKitWebProces"))
        .collect();
    assert_eq!(pages.len(), 1, "one page process for the window");
    // The page's process started with the memory settings of src-tauri/src/webkit_env.rs,
    // which the app sets on itself (this test's driver sets none of them).
    let page_env = processes_with("HOMEWARD_DB", &db)
        .into_iter()
        .find(|(pid, _)| *pid == pages[0])
        .map(|(_, env)| env)
        .expect("the page process's environment");
    for want in [
        "JSC_useJIT=false",
        "GDK_GL=disable",
        "WEBKIT_DISABLE_DMABUF_RENDERER=1",
        "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072",
    ] {
        assert!(
            page_env.iter().any(|v| v == want),
            "the page process was started without {want} in its environment"
        );
    }
    // It draws: the form, then the whole packet (screenshots taken and looked at).
    w.s().find("#patient_name");
    case.shot(&w, "form");
    w.set_clinic_phone("(555) 777-0199");
    w.fill_fusion_case();
    w.click("#view-packet");
    w.s().find(".pdf[data-state='ready'] .page svg");
    w.s().execute(
        "document.querySelector('.pdf .page:last-child').scrollIntoView()",
        &[],
    );
    // A page is built when it comes near the view.
    w.s().find(".pdf .page:last-child svg");
    case.shot(&w, "packet-end");
    let held = pss_mib(pages[0]);
    assert!(
        held > 50.0 && held < 250.0,
        "the page process holds {held:.0} MiB with the packet shown (composited: over 300)"
    );
    w.quit();
}
