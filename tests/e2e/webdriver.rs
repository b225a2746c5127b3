//! A small synchronous WebDriver client: just the calls the tests make, over plain HTTP to
//! tauri-driver on localhost.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The W3C key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// One WebDriver session: one app window.
pub struct Session {
    base: String,
    id: String,
}

/// The `value` of a WebDriver answer, or an error naming the request.
fn answer(
    what: String,
    resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Value, String> {
    let resp = resp.map_err(|e| format!("{what}: {e}"))?;
    let status = resp.status();
    let v: Value = resp
        .into_body()
        .read_json()
        .map_err(|e| format!("{what}: bad JSON: {e}"))?;
    if status.is_success() {
        Ok(v["value"].clone())
    } else {
        Err(format!("{what}: {status}: {}", v["value"]))
    }
}

/// No WebDriver call may hang a test run: a window that stops answering fails the test.
const CALL_TIMEOUT: Duration = Duration::from_secs(90);

fn post(url: &str, body: &Value) -> Result<Value, String> {
    let resp = ureq::post(url)
        .config()
        .http_status_as_error(false)
        .timeout_global(Some(CALL_TIMEOUT))
        .build()
        .send_json(body);
    answer(format!("POST {url}"), resp)
}

fn get(url: &str) -> Result<Value, String> {
    let resp = ureq::get(url)
        .config()
        .http_status_as_error(false)
        .timeout_global(Some(CALL_TIMEOUT))
        .build()
        .call();
    answer(format!("GET {url}"), resp)
}

/// An element on the page.
#[derive(Clone)]
pub struct Element {
    url: String,
}

impl Session {
    /// Starts the app at `application` through the driver at `port`.
    pub fn start(port: u16, application: &str) -> Result<Session, String> {
        let base = format!("http://127.0.0.1:{port}");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application}
        }}});
        // The first session on a cold machine can be refused while WebKitWebDriver starts.
        let mut tries = 0;
        let v = loop {
            match post(&format!("{base}/session"), &caps) {
                Ok(v) => break v,
                Err(e) if tries < 3 => {
                    tries += 1;
                    eprintln!("session start failed ({e}); retrying");
                    std::thread::sleep(Duration::from_secs(2));
                }
                Err(e) => return Err(e),
            }
        };
        let id = v["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {v}"))?
            .to_owned();
        Ok(Session { base, id })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.id)
    }

    /// The first element matching `css`, if any.
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let v = post(
            &self.url("/element"),
            &json!({"using": "css selector", "value": css}),
        )
        .ok()?;
        let id = v[ELEMENT].as_str()?;
        Some(Element {
            url: self.url(&format!("/element/{id}")),
        })
    }

    /// The element that has the keyboard focus.
    pub fn active(&self) -> Element {
        let v = get(&self.url("/element/active")).unwrap_or_else(|e| panic!("active: {e}"));
        let id = v[ELEMENT].as_str().expect("an element id");
        Element {
            url: self.url(&format!("/element/{id}")),
        }
    }

    /// Waits up to 15 s for an element matching `css`.
    pub fn find(&self, css: &str) -> Element {
        self.wait(&format!("an element `{css}`"), || self.try_find(css))
    }

    /// Waits up to 15 s for `f` to give `Some`, polling.
    pub fn wait<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(v) = f() {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs a script in the page; `arguments[…]` are `args`.
    pub fn execute(&self, script: &str, args: &[Value]) -> Value {
        post(
            &self.url("/execute/sync"),
            &json!({"script": script, "args": args}),
        )
        .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Runs an async script; it calls `arguments[arguments.length - 1](result)`.
    pub fn execute_async(&self, script: &str, args: &[Value]) -> Value {
        post(
            &self.url("/execute/async"),
            &json!({"script": script, "args": args}),
        )
        .unwrap_or_else(|e| panic!("async script failed: {e}"))
    }

    /// Saves a PNG of the window to `path`.
    pub fn screenshot(&self, path: &std::path::Path) {
        use base64::Engine;
        // The app runs WebKit without accelerated compositing, and then WebKit answers a
        // screenshot only after its next presentation update: a page with nothing left to
        // paint never has one, and the request times out. A pixel in the corner flips
        // between two near-whites for a few seconds, so there is always a next frame.
        self.execute(
            "let t = document.getElementById('e2e-tick');
             if (!t) {
               t = document.createElement('div');
               t.id = 'e2e-tick';
               t.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647';
               document.body.appendChild(t);
             }
             let i = 0;
             const flip = () => {
               t.style.background = i % 2 ? '#fefefe' : '#fdfdfd';
               if (++i < 200) requestAnimationFrame(flip); else t.remove();
             };
             flip();
             return true;",
            &[],
        );
        let v = get(&self.url("/screenshot")).unwrap_or_else(|e| panic!("screenshot: {e}"));
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .expect("screenshot is base64");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        std::fs::write(path, png).expect("write screenshot");
    }

    /// Ends the session (closes the app).
    pub fn quit(self) {
        let _ = ureq::delete(&self.url("")).call();
    }
}

impl Element {
    /// Clicks it.
    pub fn click(&self) {
        post(&format!("{}/click", self.url), &json!({})).unwrap_or_else(|e| panic!("click: {e}"));
    }

    /// Types `text` into it.
    pub fn send_keys(&self, text: &str) {
        post(&format!("{}/value", self.url), &json!({"text": text}))
            .unwrap_or_else(|e| panic!("send keys: {e}"));
    }

    /// Empties a text field.
    pub fn clear(&self) {
        post(&format!("{}/clear", self.url), &json!({})).unwrap_or_else(|e| panic!("clear: {e}"));
    }

    /// Its visible text.
    pub fn text(&self) -> String {
        get(&format!("{}/text", self.url))
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|e| panic!("text: {e}"))
    }

    /// A DOM property (`value`, `checked`, `disabled`…).
    pub fn property(&self, name: &str) -> Value {
        get(&format!("{}/property/{name}", self.url)).unwrap_or_else(|e| panic!("property: {e}"))
    }

    /// An attribute, if set.
    pub fn attribute(&self, name: &str) -> Option<String> {
        get(&format!("{}/attribute/{name}", self.url))
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    }
}

/// tauri-driver: `TAURI_DRIVER`, or the one `cargo install` put in cargo's bin folder.
pub fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("HOME");
    home.join("bin/tauri-driver")
}

/// Two free ports, distinct: both listeners are held until both ports are known, so the
/// system cannot hand out the same port twice (it did, and WebKitWebDriver then could not
/// listen on the port tauri-driver already held).
fn free_ports() -> (u16, u16) {
    let bind = || TcpListener::bind("127.0.0.1:0").expect("a free port");
    let (a, b) = (bind(), bind());
    let port = |l: &TcpListener| l.local_addr().expect("a bound port").port();
    (port(&a), port(&b))
}

/// tauri-driver on a free port, stopped with SIGTERM so it takes WebKitWebDriver and the
/// app with it (SIGKILL would orphan them).
pub struct Driver {
    child: Child,
    /// Where it listens.
    pub port: u16,
}

impl Driver {
    /// Starts `cmd` (tauri-driver, with the app's environment set) and waits until it listens.
    pub fn start(mut cmd: Command) -> Driver {
        let (port, native) = free_ports();
        let child = cmd
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native.to_string()])
            .spawn()
            .expect("start tauri-driver (cargo install tauri-driver --version 2.1.0 --locked)");
        let driver = Driver { child, port };
        // tauri-driver listens at once but forwards to WebKitWebDriver, which it starts on
        // the native port and which can take a while on a busy machine: wait for both.
        let deadline = Instant::now() + Duration::from_secs(60);
        for p in [port, native] {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(Instant::now() < deadline, "nothing listens on port {p}");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
