//! The six peers: what each is compared with, how to tell whether it is installed, and how to
//! start it. Every process runs in a process group of its own, so the whole group (a browser's
//! helpers included) is killed at the end, whatever state it is in.

use std::fs::{self, File};
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::Predicate;

/// A peer of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Peer {
    /// Debian's `chromium`, headless.
    Chromium,
    /// Debian's `firefox-esr`, headless.
    Firefox,
    /// Node's `ws` (npm).
    Ws,
    /// undici's `WebSocket` (npm).
    Undici,
    /// Python's `websockets`, its asyncio client.
    Websockets,
    /// tokio-tungstenite, in this process.
    TokioTungstenite,
}

impl Peer {
    /// Every peer, in the order of the docs' columns.
    pub(crate) const ALL: [Peer; 6] = [
        Peer::Chromium,
        Peer::Firefox,
        Peer::Ws,
        Peer::Undici,
        Peer::Websockets,
        Peer::TokioTungstenite,
    ];

    /// The name in URLs, reports and the log.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Peer::Chromium => "chromium",
            Peer::Firefox => "firefox",
            Peer::Ws => "ws",
            Peer::Undici => "undici",
            Peer::Websockets => "websockets",
            Peer::TokioTungstenite => crate::tungstenite_peer::PEER,
        }
    }

    /// The name in the docs.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Peer::Chromium => "Chromium",
            Peer::Firefox => "Firefox ESR",
            Peer::Ws => "ws",
            Peer::Undici => "undici",
            Peer::Websockets => "websockets",
            Peer::TokioTungstenite => "tokio-tungstenite",
        }
    }

    /// The close API the send side calls.
    pub(crate) fn close_api(self) -> &'static str {
        match self {
            Peer::Chromium | Peer::Firefox | Peer::Undici => "`WebSocket.close(code, reason)`",
            Peer::Ws => "`WebSocket#close(code, data)`",
            Peer::Websockets => "`await ClientConnection.close(code, reason)`",
            Peer::TokioTungstenite => "`WebSocketStream::close(Some(frame))`",
        }
    }

    /// The close-codes predicate its close API is compared with: the browsers' rule for
    /// WHATWG `WebSocket` implementations (undici's included: it implements that interface),
    /// `is_sendable` for the other libraries.
    pub(crate) fn predicate(self) -> Predicate {
        match self {
            Peer::Chromium | Peer::Firefox | Peer::Undici => Predicate::BrowserClosable,
            Peer::Ws | Peer::Websockets | Peer::TokioTungstenite => Predicate::Sendable,
        }
    }

    /// How long the peer may take to report, from its start. A few times what it takes here,
    /// so a loaded machine does not fail the run, while a hung peer still ends it.
    pub(crate) fn time_limit(self) -> Duration {
        Duration::from_secs(match self {
            Peer::Chromium | Peer::Firefox => 240,
            Peer::Ws | Peer::Undici | Peer::Websockets | Peer::TokioTungstenite => 180,
        })
    }

    /// What installs it, for the message that says it is missing.
    pub(crate) fn install_hint(self) -> &'static str {
        match self {
            Peer::Chromium => "apt-get install chromium",
            Peer::Firefox => "apt-get install firefox-esr",
            Peer::Ws | Peer::Undici => "npm ci --prefix interop/node",
            Peer::Websockets => "pip install -r interop/python/requirements.txt",
            Peer::TokioTungstenite => "nothing: it is built in",
        }
    }
}

/// Where the peers' programs are; each can be overridden by an environment variable.
pub(crate) struct Tools {
    /// `INTEROP_NODE`, else `node`.
    pub(crate) node: String,
    /// `INTEROP_PYTHON`, else `python3`: a Python with `websockets` installed.
    pub(crate) python: String,
    /// `INTEROP_CHROMIUM`, else `chromium`.
    pub(crate) chromium: String,
    /// `INTEROP_FIREFOX`, else `firefox-esr`.
    pub(crate) firefox: String,
    /// The `interop/` directory.
    pub(crate) dir: PathBuf,
    /// Where logs and browser profiles go: `INTEROP_OUT`, else `target/interop`.
    pub(crate) out: PathBuf,
}

impl Tools {
    /// The tools named by the environment, with `interop/` at `dir`.
    pub(crate) fn from_env(dir: PathBuf) -> Tools {
        let var =
            |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
        let out = std::env::var_os("INTEROP_OUT")
            .map_or_else(|| dir.join("../target/interop"), PathBuf::from);
        Tools {
            node: var("INTEROP_NODE", "node"),
            python: var("INTEROP_PYTHON", "python3"),
            chromium: var("INTEROP_CHROMIUM", "chromium"),
            firefox: var("INTEROP_FIREFOX", "firefox-esr"),
            dir,
            out,
        }
    }

    /// The peer's version if it is installed, else what is missing.
    pub(crate) fn probe(&self, peer: Peer) -> Result<String, String> {
        match peer {
            Peer::Chromium => output(Command::new(&self.chromium).arg("--version")),
            Peer::Firefox => output(Command::new(&self.firefox).arg("--version")),
            Peer::Ws | Peer::Undici => {
                output(Command::new(&self.node).arg("--version"))?;
                let manifest = self
                    .dir
                    .join("node/node_modules")
                    .join(peer.name())
                    .join("package.json");
                let text = fs::read_to_string(&manifest)
                    .map_err(|error| format!("{}: {error}", manifest.display()))?;
                let json: serde_json::Value =
                    serde_json::from_str(&text).map_err(|error| error.to_string())?;
                Ok(format!(
                    "{} {}",
                    peer.name(),
                    json["version"].as_str().unwrap_or("?")
                ))
            }
            Peer::Websockets => output(Command::new(&self.python).args([
                "-c",
                "import websockets; print('websockets', websockets.__version__)",
            ])),
            Peer::TokioTungstenite => Ok(locked_version(
                &self.dir.join("../Cargo.lock"),
                "tokio-tungstenite",
            )),
        }
    }

    /// Starts an out-of-process peer against the server at `base` (`http://127.0.0.1:PORT`),
    /// its output going to `out/logs/PEER.log`.
    pub(crate) fn spawn(&self, peer: Peer, base: &str) -> io::Result<Child> {
        let logs = self.out.join("logs");
        fs::create_dir_all(&logs)?;
        let log = File::create(logs.join(format!("{}.log", peer.name())))?;
        let page = format!("{base}/page.html?peer={}", peer.name());
        let mut command = match peer {
            Peer::Chromium => self.chromium(&page)?,
            Peer::Firefox => self.firefox(&page)?,
            Peer::Ws | Peer::Undici => {
                let mut node = Command::new(&self.node);
                node.arg(self.dir.join("node/node.mjs"))
                    .args([peer.name(), base]);
                node
            }
            Peer::Websockets => {
                let mut python = Command::new(&self.python);
                python.arg(self.dir.join("python/peer.py")).arg(base);
                python
            }
            Peer::TokioTungstenite => {
                return Err(io::Error::other("tokio-tungstenite runs in process"));
            }
        };
        command
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0)
            .spawn()
    }

    /// A fresh, empty directory for a browser profile.
    fn profile(&self, peer: Peer) -> io::Result<PathBuf> {
        let dir = self.out.join("profiles").join(peer.name());
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Headless Chromium as root, with every background service that would reach past
    /// loopback turned off.
    fn chromium(&self, page: &str) -> io::Result<Command> {
        let profile = self.profile(Peer::Chromium)?;
        let mut command = Command::new(&self.chromium);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-proxy-server",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(page);
        Ok(command)
    }

    /// Headless Firefox with a fresh profile whose prefs stop its background traffic.
    fn firefox(&self, page: &str) -> io::Result<Command> {
        let profile = self.profile(Peer::Firefox)?;
        fs::write(profile.join("user.js"), FIREFOX_PREFS)?;
        let mut command = Command::new(&self.firefox);
        command
            .args(["--headless", "--no-remote", "--profile"])
            .arg(&profile)
            .arg(page)
            .env("MOZ_CRASHREPORTER_DISABLE", "1")
            .env("HOME", &profile);
        Ok(command)
    }
}

/// Firefox prefs: no updates, telemetry, studies, safe-browsing lists, remote settings,
/// captive-portal or connectivity checks, DNS-over-HTTPS, prefetching or proxy: the page on
/// 127.0.0.1 is the only thing it talks to.
const FIREFOX_PREFS: &str = r#"user_pref("app.normandy.enabled", false);
user_pref("app.shield.optoutstudies.enabled", false);
user_pref("app.update.auto", false);
user_pref("app.update.enabled", false);
user_pref("browser.aboutwelcome.enabled", false);
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.ping-centre.telemetry", false);
user_pref("browser.region.network.url", "");
user_pref("browser.region.update.enabled", false);
user_pref("browser.safebrowsing.blockedURIs.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.provider.google.updateURL", "");
user_pref("browser.safebrowsing.provider.google4.updateURL", "");
user_pref("browser.safebrowsing.provider.mozilla.updateURL", "");
user_pref("browser.search.update", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.homepage_override.mstone", "ignore");
user_pref("browser.startup.page", 0);
user_pref("browser.topsites.contile.enabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("extensions.blocklist.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.update.enabled", false);
user_pref("geo.provider.network.url", "");
user_pref("media.gmp-manager.updateEnabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("network.prefetch-next", false);
user_pref("network.proxy.type", 0);
user_pref("network.trr.mode", 5);
user_pref("services.settings.server", "data:,");
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.server", "data:,");
user_pref("toolkit.telemetry.unified", false);
"#;

/// Runs a short command (a `--version`) and returns its first line, bounded in time.
fn output(command: &mut Command) -> Result<String, String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let dir = std::env::temp_dir().join(format!("close-codes-interop-{}", std::process::id()));
    fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
    let path = dir.join("probe.out");
    let file = File::create(&path).map_err(|error| error.to_string())?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|error| format!("`{program}`: {error}"))?;
    let status = wait(&mut child, Duration::from_secs(30));
    let text = fs::read_to_string(&path).unwrap_or_default();
    let _ = fs::remove_dir_all(&dir);
    match status {
        Some(status) if status.success() => {
            Ok(text.lines().next().unwrap_or_default().trim().to_owned())
        }
        Some(status) => Err(format!("`{program}` exited with {status}")),
        None => Err(format!("`{program}` did not answer within 30 s")),
    }
}

/// Waits for `child` at most `limit`; kills its process group if it is still running then.
/// `None` means it was killed.
pub(crate) fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    kill(child);
    None
}

/// Kills the child's whole process group (a browser's helper processes with it) and reaps
/// the child.
pub(crate) fn kill(child: &mut Child) {
    // `kill -KILL -- -PGID`: the group id is the child's pid (`process_group(0)`).
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// `NAME VERSION` as `Cargo.lock` pins it.
fn locked_version(lock: &Path, name: &str) -> String {
    let text = fs::read_to_string(lock).unwrap_or_default();
    let version = text
        .split("[[package]]")
        .find(|package| package.contains(&format!("name = \"{name}\"\n")))
        .and_then(|package| {
            package
                .lines()
                .find_map(|line| line.strip_prefix("version = "))
        })
        .map_or("?", |version| version.trim_matches('"'));
    format!("{name} {version}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_url_safe() {
        let names: std::collections::HashSet<&str> =
            Peer::ALL.iter().map(|peer| peer.name()).collect();
        assert_eq!(names.len(), Peer::ALL.len());
        assert!(
            names
                .iter()
                .all(|name| name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
    }

    #[test]
    fn the_lock_pins_tokio_tungstenite() {
        let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
        let version = locked_version(&lock, "tokio-tungstenite");
        assert!(version.starts_with("tokio-tungstenite 0."), "{version}");
    }

    #[test]
    fn a_missing_program_is_reported_not_run() {
        let error = output(&mut Command::new("/nonexistent/close-codes-peer")).unwrap_err();
        assert!(error.contains("close-codes-peer"), "{error}");
    }
}
