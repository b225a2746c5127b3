//! Measures the desktop app as a nurse meets it, in the real window under Xvfb: launch to an
//! interactive form, a form change to an updated preview, the packet preview (its pages drawn
//! as SVG from the PDF's layout), memory once idle, and the .deb's size. Prints figures; asserts nothing.
//! Run with `bash bench/app-speed.sh` (which builds the release app and starts Xvfb).
//!
//! For finding where memory goes, these variables stop it at the points that matter:
//! - `SPEED_CHANGES=N`: N changes of the form instead of 20 (does memory level off?);
//! - `SPEED_PAUSE=S`: waits S seconds before filling the form (time to attach a heap
//!   profiler such as `heaptrack -p PID` to the app or its page process);
//! - `SPEED_EVAL=SCRIPT`: once the packet is shown and memory measured, runs SCRIPT in the
//!   page and measures again 6 s later (say, take the pages out: what do they hold?);
//! - `SPEED_HOLD=S`: waits S seconds once the packet is shown and memory measured;
//! - `SPEED_DUMP=DIR`: copies each process's `smaps` into DIR at every memory reading, and
//!   stops after the reading with the packet shown.

#[path = "../tests/e2e/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use webdriver::{Driver, Session, tauri_driver};

const LAUNCHES: usize = 5;
const CHANGES: u64 = 20;
const PACKETS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(0.0, f64::max)
}

/// Resident memory of `pid` and all its descendants, in MiB (RSS and PSS), with each
/// process's PSS by name.
fn memory_tree(pid: u32) -> (f64, f64, usize, String) {
    let mut parent = std::collections::HashMap::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat"))
            && let Some(rest) = stat.rsplit_once(") ").map(|x| x.1)
            && let Some(pp) = rest
                .split_whitespace()
                .nth(1)
                .and_then(|x| x.parse::<u32>().ok())
        {
            parent.insert(p, pp);
        }
    }
    let in_tree = |mut p: u32| loop {
        if p == pid {
            return true;
        }
        match parent.get(&p) {
            Some(&pp) if pp != 0 && pp != p => p = pp,
            _ => return false,
        }
    };
    let (mut rss, mut pss, mut n) = (0.0, 0.0, 0);
    let mut each = Vec::new();
    for &p in parent.keys() {
        if !in_tree(p) {
            continue;
        }
        n += 1;
        if let Ok(d) = std::env::var("SPEED_DUMP") {
            let _ = std::fs::create_dir_all(&d);
            let _ = std::fs::copy(format!("/proc/{p}/smaps"), format!("{d}/{p}.smaps"));
        }
        let before = pss;
        let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")) {
            for line in s.lines() {
                let kb = |l: &str| {
                    l.split_whitespace()
                        .nth(1)
                        .and_then(|x| x.parse::<f64>().ok())
                        .unwrap_or(0.0)
                };
                if line.starts_with("Rss:") {
                    rss += kb(line) / 1024.0;
                } else if line.starts_with("Pss:") {
                    pss += kb(line) / 1024.0;
                }
            }
        }
        each.push(format!("{} {:.0}", name.trim(), pss - before));
    }
    each.sort();
    (rss, pss, n, each.join(", "))
}

fn app_pid() -> Option<u32> {
    let out = Command::new("pgrep")
        .args(["-n", "-f", "release/homeward-desktop"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// A whole number from the environment variable `name` (one of the knobs above), if set.
fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}

#[allow(clippy::print_stdout)]
fn main() {
    let app = std::env::var("HOMEWARD_APP").expect("HOMEWARD_APP: the release binary");
    let dir = std::env::temp_dir().join(format!("homeward-speed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut cmd = Command::new(tauri_driver());
    cmd.env("HOMEWARD_DB", dir.join("speed.db"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let driver = Driver::start(cmd);
    let port = driver.port;

    // 1. Launch to an interactive form (the catalog and settings loaded, the form drawn).
    let mut launches = Vec::new();
    let mut session = None;
    for i in 0..LAUNCHES {
        let t0 = Instant::now();
        let s = Session::start(port, &app).expect("launch");
        s.find("#patient_name");
        s.find("input[name='procedure']");
        launches.push(t0.elapsed().as_secs_f64() * 1000.0);
        if i + 1 < LAUNCHES {
            s.quit();
            std::thread::sleep(Duration::from_millis(500));
        } else {
            session = Some(s);
        }
    }
    let s = session.expect("session");
    if let Some(secs) = env_number("SPEED_PAUSE") {
        eprintln!("pausing {secs} s before filling the form");
        std::thread::sleep(Duration::from_secs(secs));
    }

    // A realistic case: clinic phone set, a 2-level fusion for a smoker with diabetes.
    s.find("button[data-screen='settings']").click();
    let phone = s.find("#set-clinic-phone");
    phone.send_keys("(555) 777-0199");
    s.find("#set-clinic-name").click();
    std::thread::sleep(Duration::from_millis(300));
    s.find("button[data-screen='packet']").click();
    s.find("#patient_name").send_keys("Maria Gonzalez");
    s.find("input[name='procedure'][value='lumbar-fusion']")
        .click();
    s.find("#levels option[value='2']").click();
    s.find("input[name='factor'][value='nicotine']").click();
    s.find("input[name='factor'][value='diabetes']").click();
    s.find("#job option[value='heavy']").click();
    // The surgery date is fixed: the form starts on today's, and the discharge dates typed
    // below (December 2 to 21, 2026) must never fall before it.
    let surgery = s.find("#surgery_date");
    surgery.clear();
    surgery.send_keys("2026-12-01");
    s.find("#return-to-work");
    // Where the memory goes: once the filled form's plan is shown, again after the form
    // changes, and (below) with the packet shown.
    std::thread::sleep(Duration::from_secs(3));
    let mem_form = app_pid().map(memory_tree);

    // 2. A change in the form to an updated preview: type a new discharge date, wait until
    // the plan shows it. Measured in the page, from the input event to the DOM update.
    let changes = s.execute_async(
        "const [n, done] = [arguments[0], arguments[arguments.length - 1]];
         const input = document.getElementById('discharge_date');
         const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
         const out = [];
         const fmt = new Intl.DateTimeFormat('en-US',
           { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
         let i = 0;
         function next() {
           if (i === n) return done(out);
           const day = 2 + (i % 20);
           const iso = '2026-12-' + String(day).padStart(2, '0');
           const want = 'Discharge ' + fmt.format(new Date(iso + 'T00:00:00Z'));
           const t0 = performance.now();
           setter.call(input, iso);
           input.dispatchEvent(new Event('input', { bubbles: true }));
           (function poll() {
             if (document.querySelector('.plan .meta')?.textContent.includes(want)) {
               out.push(performance.now() - t0); i++; setTimeout(next, 30);
             } else requestAnimationFrame(poll);
           })();
         }
         next();",
        &[json!(env_number("SPEED_CHANGES").unwrap_or(CHANGES))],
    );
    let changes: Vec<f64> = changes
        .as_array()
        .expect("times")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();

    std::thread::sleep(Duration::from_secs(3));
    let mem_changed = app_pid().map(memory_tree);

    // 3. The packet preview: the pages laid out in Rust, sent as SVG and painted. The page
    // records the time from asking for them to the first paint.
    s.find("#view-packet").click();
    let mut firsts = Vec::new();
    let mut pages = 0;
    let mut drawn = 0;
    for i in 0..PACKETS {
        if i > 0 {
            let f = s.find("#mrn");
            f.clear();
            f.send_keys(&format!("MRN{i}"));
            std::thread::sleep(Duration::from_millis(100));
        }
        // Each drawing is told apart by its count, never by its time: two may take the same.
        let first = s.wait("the packet preview", || {
            let e = s.try_find(".pdf[data-state='ready']")?;
            let count: usize = e.attribute("data-drawn")?.parse().ok()?;
            if count <= drawn {
                return None;
            }
            drawn = count;
            pages = e.attribute("data-pages")?.parse().ok()?;
            e.attribute("data-first-page-ms")?.parse::<f64>().ok()
        });
        firsts.push(first);
    }

    // 4. Memory once idle: the app and its WebKit processes, after 5 s with nothing to do.
    std::thread::sleep(Duration::from_secs(5));
    let mem = app_pid().map(memory_tree);
    let census = s.execute(
        "const all = document.getElementsByTagName('*');
         const svg = document.querySelectorAll('.pdf svg *').length;
         const plan = document.querySelectorAll('.plan *').length;
         const form = document.querySelectorAll('form *').length;
         return all.length + ' elements (' + svg + ' in the pages, ' + plan + ' in the plan, ' + form + ' in forms)';",
        &[],
    );
    eprintln!("DOM: {census}");
    if let Ok(script) = std::env::var("SPEED_EVAL") {
        s.execute(&script, &[]);
        std::thread::sleep(Duration::from_secs(6));
        if let Some((_, pss, _, each)) = app_pid().map(memory_tree) {
            println!("after eval: PSS {pss:6.1} MiB ({each})");
        }
    }
    if let Some(secs) = env_number("SPEED_HOLD") {
        eprintln!("holding {secs} s, packet shown");
        std::thread::sleep(Duration::from_secs(secs));
    }
    if std::env::var("SPEED_DUMP").is_ok() {
        if let Some((_, pss, _, each)) = &mem {
            println!("idle memory, packet shown     PSS {pss:6.1} MiB   ({each}); smaps saved");
        }
        s.quit();
        std::process::exit(0);
    }
    s.find("#view-plan").click();
    std::thread::sleep(Duration::from_secs(3));
    let mem_plan = app_pid().map(memory_tree);
    s.quit();

    // 5. The package.
    let deb = std::fs::read_dir("target/release/bundle/deb")
        .ok()
        .and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "deb"))
        })
        .map(|p: PathBuf| {
            (
                p.display().to_string(),
                std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0),
            )
        });

    println!(
        "Homeward desktop, release build, Xvfb 1280x1024, this machine ({} cores)",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    println!(
        "launch -> interactive form    median {:7.0} ms   max {:7.0} ms   ({LAUNCHES} launches, WebDriver session start included)",
        median(launches.clone()),
        max(&launches)
    );
    println!(
        "form change -> new preview    median {:7.1} ms   max {:7.1} ms   ({} changes of the discharge date)",
        median(changes.clone()),
        max(&changes),
        changes.len()
    );
    println!(
        "packet preview, first page    median {:7.0} ms   max {:7.0} ms   ({PACKETS} packets of {pages} pages: laid out in Rust, sent as SVG, page 1 painted; later pages are built when scrolled near)",
        median(firsts.clone()),
        max(&firsts)
    );
    if let Some((rss, pss, n, each)) = mem {
        println!(
            "idle memory, packet shown     RSS {rss:6.1} MiB   PSS {pss:6.1} MiB   ({n} processes, PSS in MiB: {each})"
        );
    }
    for (label, m) in [
        ("filled form, plan shown ", &mem_form),
        ("after the form changes  ", &mem_changed),
    ] {
        if let Some((rss, pss, n, each)) = m {
            println!(
                "memory, {label}      RSS {rss:6.1} MiB   PSS {pss:6.1} MiB   ({n} processes, PSS in MiB: {each})"
            );
        }
    }
    if let Some((rss, pss, n, each)) = mem_plan {
        println!(
            "idle memory, plan shown       RSS {rss:6.1} MiB   PSS {pss:6.1} MiB   ({n} processes, PSS in MiB: {each})"
        );
    }
    match deb {
        Some((p, n)) => println!(
            ".deb size                     {:.1} MiB   ({p})",
            n as f64 / 1048576.0
        ),
        None => {
            println!(".deb size                     not built (bash scripts/build-app.sh --deb)")
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
