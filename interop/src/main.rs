//! The interop suite: runs six real WebSocket peers against the project's own server on
//! 127.0.0.1, compares each with close-codes, every code and every case, and writes the truth
//! table (docs/protocol.md). Run it through `scripts/interop.sh`, which installs the peers.
//!
//! Environment:
//! - `INTEROP_BLESS=1`: write the run's table to docs/protocol.md instead of failing on a
//!   difference.
//! - `INTEROP_ALLOW_MISSING=1`: a missing peer is reported and skipped instead of failing the
//!   run; ignored when `CI=true`, where all six must run.
//! - `INTEROP_PEERS=a,b`: run only these peers (the others count as missing).
//! - `INTEROP_NODE`, `INTEROP_PYTHON`, `INTEROP_CHROMIUM`, `INTEROP_FIREFOX`, `INTEROP_OUT`: see
//!   [`peers::Tools`].

mod compare;
mod corpus;
mod doc;
mod fresh;
mod peers;
mod server;
mod tungstenite_peer;
mod wire;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use compare::{Measured, Records, Sent, join};
use corpus::{Case, ReasonProbe};
use doc::PeerRun;
use peers::{Peer, Tools};
use server::{Reply, Server};

/// How the run was asked to behave.
struct Settings {
    bless: bool,
    allow_missing: bool,
    ci: bool,
    only: Option<Vec<String>>,
    root: PathBuf,
}

impl Settings {
    fn from_env() -> Settings {
        let flag =
            |name: &str| std::env::var(name).is_ok_and(|value| value == "1" || value == "true");
        let only = std::env::var("INTEROP_PEERS")
            .ok()
            .filter(|list| !list.is_empty())
            .map(|list| list.split(',').map(|name| name.trim().to_owned()).collect());
        Settings {
            bless: flag("INTEROP_BLESS"),
            allow_missing: flag("INTEROP_ALLOW_MISSING"),
            ci: flag("CI"),
            only,
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        }
    }
}

/// The checks the closing line counts.
#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: Vec<String>,
}

impl Tally {
    fn check(&mut self, name: String, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => {
                println!("ok      {name}");
                self.passed += 1;
            }
            Err(why) => {
                println!("FAILED  {name}: {why}");
                self.failed.push(name);
            }
        }
    }

    fn skip(&mut self, name: String, why: &str) {
        println!("SKIPPED {name}: {why}");
        self.skipped.push(name);
    }
}

/// The server's records of one peer.
struct PeerRecords<'a> {
    server: &'a Server,
    peer: Peer,
}

impl Records for PeerRecords<'_> {
    fn sent(&self, conn: u32) -> Option<Reply> {
        self.server.sent(self.peer.name(), conn)
    }

    fn reply(&self, case: usize) -> Option<Reply> {
        self.server.reply(self.peer.name(), case)
    }
}

fn main() -> ExitCode {
    let settings = Settings::from_env();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("interop: no tokio runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(&settings))
}

async fn run(settings: &Settings) -> ExitCode {
    let tools = Tools::from_env(settings.root.join("interop"));
    let allow_missing = settings.allow_missing && !settings.ci;
    println!("== interop: close-codes against real WebSocket peers on 127.0.0.1");
    let (present, missing) = find_peers(&tools, settings);
    let mut tally = Tally::default();
    if !missing.is_empty() {
        shout_missing(&missing, settings, allow_missing);
        for (peer, why) in &missing {
            let name = format!("{}: present", peer.name());
            if allow_missing {
                tally.skip(name, why);
            } else {
                tally.check(name, Err(why.clone()));
            }
        }
    }

    let probes = corpus::reason_probes();
    let cases = corpus::cases();
    let plan = corpus::plan_json(cases.len(), &probes);
    let bodies = cases.iter().map(|case| case.body.clone()).collect();
    let server = match Server::start(bodies, plan).await {
        Ok(server) => server,
        Err(error) => {
            println!("FAILED  the server did not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("server: {}", server.http_base());

    let mut runs = Vec::new();
    for peer in present {
        if let Some(run) = run_peer(&tools, &server, peer, &probes, &cases, &mut tally).await {
            runs.push(run);
        }
    }
    let complete = runs.len() == Peer::ALL.len();
    freshness(
        settings, &tools, &runs, &probes, &cases, complete, &mut tally,
    );
    finish(&runs, &probes, &cases, &tally, allow_missing)
}

/// Splits the peers into those installed (printing each version) and those missing, with why.
fn find_peers(tools: &Tools, settings: &Settings) -> (Vec<Peer>, Vec<(Peer, String)>) {
    let mut present = Vec::new();
    let mut missing = Vec::new();
    for peer in Peer::ALL {
        let selected = settings
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|name| name == peer.name()));
        let found = if selected {
            tools.probe(peer)
        } else {
            Err("not in INTEROP_PEERS".to_owned())
        };
        match found {
            Ok(version) => {
                println!("peer {}: {version}", peer.name());
                present.push(peer);
            }
            Err(why) => {
                println!(
                    "peer {}: MISSING ({why}); install: {}",
                    peer.name(),
                    peer.install_hint()
                );
                missing.push((peer, why));
            }
        }
    }
    (present, missing)
}

fn shout_missing(missing: &[(Peer, String)], settings: &Settings, allow_missing: bool) {
    let names: Vec<&str> = missing.iter().map(|(peer, _)| peer.name()).collect();
    println!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    println!("!!! MISSING PEERS: {}", names.join(", "));
    println!("!!! `bash scripts/interop.sh` installs them (apt-get, npm ci, pip).");
    if allow_missing {
        println!("!!! INTEROP_ALLOW_MISSING=1: the run skips them; its table is incomplete.");
    } else if settings.ci && settings.allow_missing {
        println!("!!! CI=true: all six peers must run; INTEROP_ALLOW_MISSING is ignored.");
    } else {
        println!("!!! The run fails; INTEROP_ALLOW_MISSING=1 runs the others only.");
    }
    println!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
}

/// Runs one peer, prints its counts, and records its two checks: the send side and the receive
/// side were measured in full.
async fn run_peer(
    tools: &Tools,
    server: &Server,
    peer: Peer,
    probes: &[ReasonProbe],
    cases: &[Case],
    tally: &mut Tally,
) -> Option<PeerRun> {
    let start = Instant::now();
    let report = match peer {
        Peer::TokioTungstenite => Ok(in_process(tools, server, probes, cases.len()).await),
        _ => external(tools, server, peer).await,
    };
    settle(server).await;
    let records = PeerRecords { server, peer };
    let measured = report.and_then(|report| join(&report, probes.len(), cases.len(), &records));
    let seconds = start.elapsed().as_secs_f64();
    let measured = match measured {
        Ok(measured) => measured,
        Err(why) => {
            let log = tools.out.join("logs").join(format!("{}.log", peer.name()));
            let why = format!("{why} (after {seconds:.1} s; log: {})", log.display());
            tally.check(
                format!("{}: send side measured", peer.name()),
                Err(why.clone()),
            );
            tally.check(format!("{}: receive side measured", peer.name()), Err(why));
            return None;
        }
    };
    print_details(peer, &measured);
    tally.check(
        format!("{}: send side measured", peer.name()),
        send_complete(&measured),
    );
    tally.check(
        format!("{}: receive side measured", peer.name()),
        receive_complete(&measured),
    );
    let run = PeerRun::new(peer, measured, probes, cases);
    // The peer's own words on each case where it differs, for whoever reads the table next.
    for ((case, agrees), received) in cases.iter().zip(&run.cases).zip(&run.measured.received) {
        if !agrees {
            println!(
                "{}:   differs on {}: {}",
                peer.name(),
                case.label,
                received.seen.detail
            );
        }
    }
    println!(
        "{}: send {}/{} codes agree with {}; reasons {}/{}; receive {}/{} cases agree ({seconds:.1} s)",
        peer.name(),
        run.codes_agreeing(),
        corpus::CODES,
        peer.predicate().name().trim_matches('`'),
        run.reasons_agreeing(),
        probes.len(),
        run.cases_agreeing(),
        cases.len(),
    );
    Some(run)
}

/// The tokio-tungstenite peer's report, made in this process.
async fn in_process(
    tools: &Tools,
    server: &Server,
    probes: &[ReasonProbe],
    cases: usize,
) -> Vec<u8> {
    let version = tools.probe(Peer::TokioTungstenite).unwrap_or_default();
    let reasons: Vec<(u16, String)> = probes
        .iter()
        .map(|probe| (corpus::REASON_CODE, probe.reason.clone()))
        .collect();
    let addr = server.ws_base().trim_start_matches("ws://").to_owned();
    let report = tungstenite_peer::measure(&addr, &reasons, cases, &version).await;
    let report = report.to_string().into_bytes();
    server.put_report(tungstenite_peer::PEER, report.clone());
    report
}

/// Starts an out-of-process peer, waits (bounded) for its report, and kills what is left of it.
async fn external(tools: &Tools, server: &Server, peer: Peer) -> Result<Vec<u8>, String> {
    let log = tools.out.join("logs").join(format!("{}.log", peer.name()));
    let mut child = tools
        .spawn(peer, &server.http_base())
        .map_err(|error| format!("could not start: {error}"))?;
    let start = Instant::now();
    let report = loop {
        if let Some(report) = server.report(peer.name()) {
            break Ok(report);
        }
        if let Ok(Some(status)) = child.try_wait() {
            break server.report(peer.name()).ok_or_else(|| {
                format!("exited ({status}) without a report; log: {}", log.display())
            });
        }
        if start.elapsed() > peer.time_limit() {
            break Err(format!(
                "no report within {} s, killed; log: {}",
                peer.time_limit().as_secs(),
                log.display()
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // The browsers keep running after they report; Node and Python have exited already.
    peers::kill(&mut child);
    report
}

/// Waits (at most 15 s) until the server has recorded every connection still open.
async fn settle(server: &Server) {
    let start = Instant::now();
    while server.open_connections() > 0 && start.elapsed() < Duration::from_secs(15) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The log gets the peer's version and its error names with a sample message each.
fn print_details(peer: Peer, measured: &Measured) {
    println!("{}: {}", peer.name(), measured.version);
    for (name, sample) in &measured.error_samples {
        println!("{}:   refuses with {name}, e.g. {sample:?}", peer.name());
    }
}

fn send_complete(measured: &Measured) -> Result<(), String> {
    let unseen = measured
        .codes
        .iter()
        .chain(&measured.reasons)
        .filter(|sent| matches!(sent, Sent::Accepted(None)))
        .count();
    if unseen > 0 {
        return Err(format!("{unseen} accepted closes have no server record"));
    }
    Ok(())
}

fn receive_complete(measured: &Measured) -> Result<(), String> {
    let unseen = measured
        .received
        .iter()
        .filter(|received| received.reply.is_none())
        .count();
    if unseen > 0 {
        return Err(format!("{unseen} receive cases have no server record"));
    }
    Ok(())
}

/// Writes the run's table under `out/` and checks docs/protocol.md against it (or, with
/// `INTEROP_BLESS=1`, writes it there).
fn freshness(
    settings: &Settings,
    tools: &Tools,
    runs: &[PeerRun],
    probes: &[ReasonProbe],
    cases: &[Case],
    complete: bool,
    tally: &mut Tally,
) {
    let name = "docs/protocol.md matches this run".to_owned();
    let table = doc::render(runs, probes, cases);
    let written = tools.out.join("protocol.md");
    if let Err(error) = fs::create_dir_all(&tools.out).and_then(|()| fs::write(&written, &table)) {
        tally.check(
            name,
            Err(format!("cannot write {}: {error}", written.display())),
        );
        return;
    }
    println!("table: {}", written.display());
    if !complete {
        tally.skip(name, "not every peer ran, so the table is incomplete");
        return;
    }
    let committed_path = settings.root.join("docs/protocol.md");
    let committed = fs::read_to_string(&committed_path).unwrap_or_default();
    if committed == table {
        tally.check(name, Ok(()));
    } else if settings.bless {
        let outcome = fs::write(&committed_path, &table).map_err(|error| error.to_string());
        println!("blessed: wrote {}", committed_path.display());
        tally.check(name, outcome);
    } else {
        println!(
            "--- docs/protocol.md\n+++ {} (this run)\n{}",
            written.display(),
            fresh::diff(&committed, &table)
        );
        tally.check(
            name,
            Err("it differs (above); if the change is right: INTEROP_BLESS=1 bash scripts/interop.sh".to_owned()),
        );
    }
}

/// Prints the per-peer counts again and the closing line; the exit code follows.
fn finish(
    runs: &[PeerRun],
    probes: &[ReasonProbe],
    cases: &[Case],
    tally: &Tally,
    allow_missing: bool,
) -> ExitCode {
    println!("== interop summary");
    for run in runs {
        println!(
            "{}: send {}/{} codes agree; reasons {}/{}; receive {}/{} cases agree",
            run.peer.name(),
            run.codes_agreeing(),
            corpus::CODES,
            run.reasons_agreeing(),
            probes.len(),
            run.cases_agreeing(),
            cases.len(),
        );
    }
    let skipped = if tally.skipped.is_empty() {
        String::new()
    } else {
        format!(", {} skipped", tally.skipped.len())
    };
    println!(
        "interop: {} passed, {} failed{skipped}",
        tally.passed,
        tally.failed.len()
    );
    if !tally.failed.is_empty() || (!tally.skipped.is_empty() && !allow_missing) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
