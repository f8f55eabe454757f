//! `guarantor report`: the assessment as one self-contained HTML page with charts.
//!
//! Wiring only: load the scenario (with `--set`), assess it as written and without one
//! contributor, run the Monte Carlo and the sensitivity analysis (fixed seed, modest sizes), the
//! allocation (CBC), read the evidence ledger (`--db`), and hand everything to
//! `guarantor_report::html`. It writes a file (or stdout with `-o -`); it does not open a browser.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use guarantor_allocate::{CostWeights, DefaultSolver, Options};
use guarantor_credibility::Weights;
use guarantor_report::html::{
    AllocationSection, ArticleLink, CredibilitySection, Report, RobustnessSection, TimelineSection,
    Without, render,
};
use guarantor_robust::{
    CompiledScenario, Output, Reliability, Sensitivity, Settings, SobolSettings,
};

use crate::input;

/// Write an HTML report: coverage charts per capability and per layer (as assessed and without
/// one contributor), requirements with their formulas, contributors against capacity, red lines,
/// lapsed pledges, credibility indicators (shipped weights), robustness (Monte Carlo: probability
/// and coverage quantiles per requirement), the sensitivity tornado, the least-burden allocation
/// that closes the gaps, the stance timeline of an evidence ledger (`--db`) and every source. The
/// page needs no network; its one script saves a chart as SVG or PNG, and the page reads the same
/// without it; the same inputs give the same bytes.
///
/// Exit code 0 when the report was written, 2 on bad input.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario file (TOML). Without one, the bundled August 2025 scenario is reported.
    pub file: Option<PathBuf>,
    /// Where to write the page; `-` for stdout.
    #[arg(short, long, value_name = "FILE", default_value = "report.html")]
    pub output: PathBuf,
    /// The contributor whose absence the charts show beside the assessment (ISO 3166 alpha-3).
    /// Default: `USA` when the scenario has it; `none` for no comparison.
    #[arg(long = "without", value_name = "CODE")]
    pub without: Option<String>,
    /// Change one value before assessing, e.g. `pledges.gbr-troops.quantity=5000`; repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Another state of the same guarantee (an earlier or later scenario file), for the section
    /// "How the guarantee changed"; repeatable. States are shown in date order.
    #[arg(long = "timeline", value_name = "FILE")]
    pub timeline: Vec<PathBuf>,
    /// Monte Carlo draws for the robustness section; 0 leaves robustness and sensitivity out.
    #[arg(long, default_value_t = 10_000)]
    pub draws: u64,
    /// Base sample size N of the sensitivity analysis (N × (inputs + 2) evaluations, at most
    /// 65536); 0 leaves the sensitivity out.
    #[arg(long, default_value_t = 4096, value_parser = clap::value_parser!(u64).range(0..=65536))]
    pub samples: u64,
    /// Seed of the Monte Carlo draws and of the Sobol sequence.
    #[arg(long, default_value_t = 0)]
    pub seed: u32,
    /// Leave robustness and sensitivity out (as `--draws 0`).
    #[arg(long)]
    pub no_robustness: bool,
    /// Leave the allocation out (it runs a mixed-integer program).
    #[arg(long)]
    pub no_allocation: bool,
    /// Evidence ledger (SQLite, from `guarantor ingest`) whose statements the stance timeline shows.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Worker threads for the Monte Carlo (default: one per core). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
}

/// The evidence ledger and its articles' addresses, read-only.
fn ledger(db: &Path) -> anyhow::Result<(guarantor_evidence::Ledger, Vec<ArticleLink>)> {
    if !db.is_file() {
        return Err(input::fail(format!(
            "error: no evidence database at `{}`\nhelp: create one with `guarantor ingest ARTICLES... --db {}`",
            db.display(),
            db.display()
        )));
    }
    let store = guarantor_store::Store::open_read_only(db)
        .map_err(|e| input::fail(format!("error: cannot open `{}`: {e}", db.display())))?;
    let unreadable = |e: guarantor_store::StoreError| {
        input::fail(format!("error: cannot read `{}`: {e}", db.display()))
    };
    let ledger = store.ledger().map_err(unreadable)?;
    let articles = store
        .articles()
        .map_err(unreadable)?
        .into_iter()
        .map(|a| ArticleLink {
            id: a.id,
            url: a.url,
            title: a.title,
            outlet: a.outlet,
        })
        .collect();
    Ok((ledger, articles))
}

/// The Sobol analysis of `all_met`; when that does not vary (a requirement never met keeps it
/// at 0), of `share_met` instead. `None` when the scenario has no uncertain input to attribute.
fn sensitivity(
    model: &CompiledScenario,
    scenario: &guarantor_model::Scenario,
    samples: u64,
    seed: u32,
) -> Option<(Sensitivity, Option<&'static str>)> {
    let d = model.inputs().len();
    if samples == 0 || d == 0 || d > guarantor_robust::sobol::MAX_INPUTS {
        return None;
    }
    let settings = SobolSettings {
        samples: samples as usize,
        seed,
        bootstrap: 200,
        confidence: 0.95,
    };
    let info = || guarantor_robust::scenario_info(scenario, &[]);
    let all = guarantor_robust::sensitivity(model, info(), Output::AllMet, settings);
    if all.variance > 0.0 {
        return Some((all, None));
    }
    match Output::parse(model, "share_met") {
        Ok(share) => Some((
            guarantor_robust::sensitivity(model, info(), share, settings),
            Some("all_met"),
        )),
        Err(_) => Some((all, None)),
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let scenario = input::scenario(args.file.as_ref(), &args.set)?;
    let assessment = guarantor_engine::assess(&scenario);
    let code = match args.without.as_deref() {
        Some("none") => None,
        Some(code) => Some(code.to_string()),
        None => scenario
            .contributors
            .iter()
            .any(|c| c.code == "USA")
            .then(|| "USA".to_string()),
    };
    let without = match &code {
        Some(code) => Some(
            guarantor_engine::assess_without(&scenario, std::slice::from_ref(code))
                .map_err(|e| input::fail(format!("error: {e}")))?,
        ),
        None => None,
    };
    // Read the ledger before the long computations, so a bad `--db` fails at once.
    let evidence = args.db.as_deref().map(ledger).transpose()?;
    // Credibility with the shipped weights (`guarantor credibility --weights` for others).
    let weights = Weights::default();
    let credibility = guarantor_credibility::evaluate_without(&scenario, &[], &weights)
        .map_err(|e| input::fail(format!("error: {e}")))?;
    let credibility_without = match &code {
        Some(code) => Some(
            guarantor_credibility::evaluate_without(
                &scenario,
                std::slice::from_ref(code),
                &weights,
            )
            .map_err(|e| input::fail(format!("error: {e}")))?,
        ),
        None => None,
    };
    // The reference arrangements are compiled in; a broken one is a bug of the build, but say
    // which rather than panic.
    let references = guarantor_credibility::evaluate_references(&weights)
        .map_err(|e| input::fail(format!("error: {e}")))?;

    // Robustness: the scenario as written and without the compared contributor, same seed.
    let robust = !args.no_robustness && args.draws > 0;
    let pool = crate::cmd::simulate::pool(args.threads)?;
    let settings = Settings {
        draws: args.draws,
        seed: u64::from(args.seed),
    };
    let simulate = |s: &guarantor_model::Scenario, without: &[String]| {
        let model = CompiledScenario::new(s, &Reliability::default());
        let info = guarantor_robust::scenario_info(s, without);
        pool.install(|| guarantor_robust::simulate(&model, info, settings, &|_| {}))
    };
    let simulation = robust.then(|| simulate(&scenario, &[]));
    let simulation_without = match (&code, robust) {
        (Some(code), true) => {
            let removed = std::slice::from_ref(code);
            let (s, _) = guarantor_engine::without(&scenario, removed)
                .map_err(|e| input::fail(format!("error: {e}")))?;
            Some(simulate(&s, removed))
        }
        _ => None,
    };
    let sensitivity = if robust {
        let model = CompiledScenario::new(&scenario, &Reliability::default());
        pool.install(|| sensitivity(&model, &scenario, args.samples, args.seed))
    } else {
        None
    };

    // The least-burden allocation; a solver failure is shown on the page, not fatal.
    let allocation = (!args.no_allocation).then(|| {
        guarantor_allocate::allocate(
            &scenario,
            &Options::default(),
            &CostWeights::default(),
            &DefaultSolver,
        )
        .map_err(|e| format!("{e}"))
    });

    // The guarantee over time: the other states given, and this one, in date order.
    let sequence = if args.timeline.is_empty() {
        None
    } else {
        let mut files = args.timeline.clone();
        if let Some(f) = &args.file {
            files.push(f.clone());
        }
        let mut seq = crate::cmd::timeline::sequence(&files)?;
        if args.file.is_none() {
            seq.states.push(guarantor_report::sequence::State::new(
                &scenario,
                &assessment,
                &credibility,
            ));
        }
        seq.states.sort_by(|a, b| a.as_of.cmp(&b.as_of));
        Some(seq)
    };

    let generator = format!("guarantor {}", env!("CARGO_PKG_VERSION"));
    let page = render(&Report {
        scenario: &scenario,
        assessment: &assessment,
        without: code
            .as_deref()
            .zip(without.as_ref())
            .map(|(code, assessment)| Without { code, assessment }),
        generator: &generator,
        credibility: Some(CredibilitySection {
            package: &credibility,
            without: credibility_without.as_ref(),
            references: &references,
        }),
        robustness: simulation.as_ref().map(|simulation| RobustnessSection {
            simulation,
            without: code.as_deref().zip(simulation_without.as_ref()),
            sensitivity: sensitivity.as_ref().map(|(s, _)| s),
            replaced_output: sensitivity.as_ref().and_then(|(_, r)| *r),
        }),
        allocation: allocation.as_ref().map(|a| match a {
            Ok(plan) => AllocationSection::Plan(plan),
            Err(message) => AllocationSection::Failed(message),
        }),
        timeline: evidence
            .as_ref()
            .map(|(ledger, articles)| TimelineSection { ledger, articles }),
        sequence: sequence.as_ref(),
    });
    if args.output.as_os_str() == "-" {
        std::io::stdout().lock().write_all(page.as_bytes())?;
    } else {
        std::fs::write(&args.output, page).map_err(|e| {
            input::fail(format!(
                "error: cannot write `{}`: {e}",
                args.output.display()
            ))
        })?;
        eprintln!("wrote {}", args.output.display());
    }
    Ok(ExitCode::SUCCESS)
}
