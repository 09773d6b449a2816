//! The `plugdep` command: a thin layer over the analyzer and the renderers.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 the run
//! itself failed (bad arguments, a root that cannot be read).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use miette::{Context, IntoDiagnostic, miette};
use plugdep_analyzer::baseline::Baseline;
use plugdep_analyzer::config::{self, Config, ConfigError};
use plugdep_analyzer::{Analysis, Host, Options, Severity};
use plugdep_reports::{Style, dot, human, json, mermaid, order, sarif, why};

/// Static plugin-dependency analyzer: reads a folder of plugins without running them and
/// reports dependency cycles, a deterministic load order, and every finding with its file,
/// line and column.
#[derive(Parser, Debug)]
#[command(
    name = "plugdep",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan ROOT: findings, cycles and the load order (the main job, for CI).
    Scan(ScanArgs),
    /// Print the load order and the parallel load waves, for a plugin loader.
    Order(OrderArgs),
    /// Print every path by which plugin FROM depends on plugin TO, with evidence.
    #[command(override_usage = "plugdep why [OPTIONS] [ROOT] <FROM> <TO>")]
    Why(WhyArgs),
    /// Print the baseline of ROOT's current findings (for `scan --baseline`).
    Baseline(BaselineArgs),
}

#[derive(clap::Args, Debug)]
struct Common {
    /// The configuration file (default: plugdep.toml in ROOT, when there is one).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Worker threads (default: all cores). The output never depends on it.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Keep the facts of every source file in DIR (created if needed; one file per ROOT,
    /// replaced atomically), so that the next run parses only the files that changed.
    /// Overrides `cache` in plugdep.toml. The output never depends on it.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Do not use the cache that plugdep.toml's `cache` names.
    #[arg(long, conflicts_with = "cache")]
    no_cache: bool,
    /// Never draw the progress bar (it is drawn on standard error when that is a terminal
    /// and the scan takes more than a second).
    #[arg(long)]
    no_progress: bool,
    /// Count type-only imports (`import type`, `export type … from`, `.d.ts` files,
    /// triple-slash references) as runtime `import` edges: they then constrain the load
    /// order and can make error-level cycles. By default they are `type` edges, erased at
    /// run time. Same as `include-type-edges = true` in plugdep.toml.
    #[arg(long)]
    include_type_edges: bool,
}

#[derive(clap::Args, Debug)]
struct ScanArgs {
    /// The folder of plugins to analyse.
    #[arg(default_value = ".")]
    root: PathBuf,
    #[command(flatten)]
    common: Common,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ScanFormat::Human)]
    format: ScanFormat,
    /// Exit with 1 when a finding of this severity or above is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The host the plugins run in, as NAME@VERSION (`editor@3.2.0`): checked against
    /// plugin.json `host` and package.json `engines.NAME` / `peerDependencies[NAME]`.
    #[arg(long, value_name = "NAME@VERSION")]
    host: Option<Host>,
    /// A glob on package names that are plugins (`@acme/plugin-*`); a declared runtime or
    /// peer dependency matching it that is not in the set is `missing-dependency`.
    /// Repeatable.
    #[arg(long = "plugins-pattern", value_name = "GLOB")]
    plugins_patterns: Vec<String>,
    /// Also check declared versus used for external npm packages, not only plugins
    /// (undeclared, unused, dev dependencies used at runtime). Built-ins never count.
    #[arg(long)]
    check_externals: bool,
    /// Findings recorded in this baseline are shown as known and do not fail the run;
    /// entries that match nothing any more are reported (info).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Also write the baseline of this scan's findings to FILE.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct BaselineArgs {
    /// The folder of plugins to analyse.
    #[arg(default_value = ".")]
    root: PathBuf,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args, Debug)]
struct OrderArgs {
    /// The folder of plugins to analyse.
    #[arg(default_value = ".")]
    root: PathBuf,
    #[command(flatten)]
    common: Common,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PlainFormat::Human)]
    format: PlainFormat,
}

#[derive(clap::Args, Debug)]
struct WhyArgs {
    /// `[ROOT] FROM TO`: the folder of plugins (default `.`), the dependent plugin and the
    /// dependency.
    #[arg(num_args = 2..=3, value_names = ["ROOT", "FROM", "TO"], required = true)]
    plugins: Vec<String>,
    #[command(flatten)]
    common: Common,
    /// Show at most this many paths (shortest first).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// The output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PlainFormat::Human)]
    format: PlainFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ScanFormat {
    /// Diagnostics with source snippets, then a summary and the load order.
    Human,
    /// The JSON report (see reports/schema/report.schema.json).
    Json,
    /// A Graphviz graph, cycles highlighted.
    Dot,
    /// A Mermaid flowchart (renders on GitHub), cycles highlighted.
    Mermaid,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PlainFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> miette::Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => {
            let mut options = options(&args.root, &args.common)?;
            let config = &mut options.config;
            if args.host.is_some() {
                config.host = args.host.clone();
            }
            config
                .plugins_pattern
                .extend(args.plugins_patterns.iter().cloned());
            config.check_externals |= args.check_externals;
            let mut analysis = analyze(&args.root, &args.common, options)?;
            if let Some(path) = &args.write_baseline {
                let baseline = Baseline::of(analysis.findings());
                write_file(path, &baseline.to_json())?;
            }
            if let Some(path) = &args.baseline {
                let text = std::fs::read_to_string(path)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot read the baseline {}", path.display()))?;
                let baseline = Baseline::from_json(&text)
                    .map_err(|e| miette!("{} is not a plugdep baseline: {e}", path.display()))?;
                analysis.apply_baseline(&baseline);
            }
            let report = analysis.report();
            let text = match args.format {
                ScanFormat::Json => json::render(&report),
                ScanFormat::Dot => dot::render(&report),
                ScanFormat::Mermaid => mermaid::render(&report),
                ScanFormat::Sarif => sarif::render(&report),
                ScanFormat::Human => {
                    let root = args.root.clone();
                    let sources = move |path: &str| read_inside(&root, path);
                    human::render(&report, &sources, style(&args.common))
                }
            };
            emit(&args.common, &text)?;
            let threshold = match args.fail_on {
                FailOn::Error => Some(Severity::Error),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Never => None,
            };
            // Known findings (in the baseline) are shown but never fail the run.
            let failing = threshold.is_some_and(|t| {
                analysis
                    .findings()
                    .iter()
                    .any(|f| f.severity >= t && !f.known)
            });
            Ok(if failing {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Baseline(args) => {
            let analysis = analyze(&args.root, &args.common, options(&args.root, &args.common)?)?;
            emit(&args.common, &Baseline::of(analysis.findings()).to_json())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Order(args) => {
            let analysis = analyze(&args.root, &args.common, options(&args.root, &args.common)?)?;
            let report = analysis.report();
            let text = match args.format {
                PlainFormat::Json => order::render_json(&report),
                PlainFormat::Human => order::render_human(&report),
            };
            emit(&args.common, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Why(args) => {
            let (root, from, to) = match args.plugins.as_slice() {
                [root, from, to] => (PathBuf::from(root), from, to),
                [from, to] => (PathBuf::from("."), from, to),
                _ => unreachable!("clap takes two or three values"),
            };
            let analysis = analyze(&root, &args.common, options(&root, &args.common)?)?;
            for name in [from, to] {
                if analysis.plugin(name).is_none() {
                    return Err(miette!(
                        help = "`plugdep order` lists the plugins",
                        "no plugin named {name:?} under {}",
                        root.display()
                    ));
                }
            }
            let paths = analysis.paths(from, to, args.limit);
            let report = analysis.report();
            let text = match args.format {
                PlainFormat::Json => why::render_json(&report, from, to, &paths),
                PlainFormat::Human => why::render_human(&report, from, to, &paths),
            };
            emit(&args.common, &text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The options of a run: `--jobs`, the configuration from `--config FILE` (or
/// `plugdep.toml` in ROOT when there is one), and `--cache` / `--no-cache` over its `cache`.
fn options(root: &Path, common: &Common) -> miette::Result<Options> {
    let path = match &common.config {
        Some(path) => Some(path.clone()),
        None => {
            // ROOT's own plugdep.toml, read only when it is a regular file: a link could
            // lead outside ROOT (and be quoted in an error), a FIFO would block the run.
            let path = root.join(config::FILE_NAME);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(miette!(
                        "{} is a symbolic link, and plugdep follows no link inside the \
                         root; name the file it points to with --config",
                        path.display()
                    ));
                }
                Ok(meta)
                    if meta.is_file() && meta.len() > plugdep_analyzer::DEFAULT_MAX_FILE_SIZE =>
                {
                    return Err(miette!(
                        "{} is larger than {} bytes: that is no configuration plugdep reads",
                        path.display(),
                        plugdep_analyzer::DEFAULT_MAX_FILE_SIZE
                    ));
                }
                Ok(meta) if meta.is_file() => Some(path),
                _ => None,
            }
        }
    };
    let mut config = match path {
        Some(path) => Config::load(&path).map_err(config_error)?,
        None => Config::default(),
    };
    if common.no_cache {
        config.cache = None;
    }
    if let Some(dir) = &common.cache {
        config.cache = Some(dir.clone());
    }
    Ok(Options {
        jobs: common.jobs.map(usize::from),
        config,
        progress: None,
        include_type_edges: common.include_type_edges,
    })
}

/// A plugdep.toml problem, with the file quoted and the place underlined.
fn config_error(error: ConfigError) -> miette::Report {
    let name = error.path.as_ref().map_or_else(
        || config::FILE_NAME.to_string(),
        |p| p.display().to_string(),
    );
    let mut diagnostic =
        miette::MietteDiagnostic::new(format!("invalid configuration: {}", error.message))
            .with_code("plugdep::config")
            .with_help("every key is described in docs/config.md");
    if let Some(span) = &error.span {
        diagnostic = diagnostic.with_label(miette::LabeledSpan::at(span.clone(), "here"));
    }
    miette::Report::new(diagnostic).with_source_code(miette::NamedSource::new(name, error.text))
}

fn write_file(path: &Path, text: &str) -> miette::Result<()> {
    std::fs::write(path, text)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

fn analyze(root: &Path, common: &Common, mut options: Options) -> miette::Result<Analysis> {
    let bar = (!common.no_progress && std::io::stderr().is_terminal()).then(ParseProgress::new);
    if let Some(bar) = &bar {
        let bar = Arc::clone(bar);
        options.progress = Some(Arc::new(move |done, total| bar.update(done, total)));
    }
    let result = plugdep_analyzer::analyze(root, &options);
    if let Some(bar) = &bar {
        bar.finish();
    }
    if let Ok(analysis) = &result
        && let Some(error) = analysis.cache_error()
    {
        eprintln!("warning: {error} (the scan itself is complete)");
    }
    result.map_err(|e| match e {
        plugdep_analyzer::Error::InvalidPattern { .. } => {
            miette!(help = "a glob such as @acme/plugin-* or plugin-?", "{e}")
        }
        _ => miette!(
            help = "give plugdep the folder that holds your plugins",
            "{e}"
        ),
    })
}

/// The progress bar of the parse stage: files done / total, on standard error, drawn only
/// once a scan has taken a second (a short scan shows nothing) and cleared at the end.
struct ParseProgress {
    start: Instant,
    bar: OnceLock<indicatif::ProgressBar>,
    /// The most files done so far (the analyzer's calls come from several threads).
    done: AtomicUsize,
}

impl ParseProgress {
    const DELAY: Duration = Duration::from_secs(1);

    fn new() -> Arc<ParseProgress> {
        Arc::new(ParseProgress {
            start: Instant::now(),
            bar: OnceLock::new(),
            done: AtomicUsize::new(0),
        })
    }

    fn update(&self, done: usize, total: usize) {
        let done = self.done.fetch_max(done, Ordering::Relaxed).max(done);
        if self.start.elapsed() < Self::DELAY {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            let style = indicatif::ProgressStyle::with_template(
                "{prefix} [{bar:40}] {pos}/{len} files, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix("parsing");
            bar
        });
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// Colour only for a terminal, and never with `NO_COLOR` set (https://no-color.org).
fn style(common: &Common) -> Style {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Style {
        color: common.output.is_none() && !no_color && std::io::stdout().is_terminal(),
        width: 100,
    }
}

fn emit(common: &Common, text: &str) -> miette::Result<()> {
    match &common.output {
        Some(path) => std::fs::write(path, text)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A closed pipe (`plugdep scan | head`) is not a failure of the scan.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.into_diagnostic().wrap_err("cannot write the output"),
            }
        }
    }
}

/// The text of a file of the root, for snippets; never a path that leaves the root.
fn read_inside(root: &Path, relative: &str) -> Option<String> {
    // Only what the analyzer itself would read: a regular file reached without a link
    // (a finding may name a link it passed over — quoting it would read where it points,
    // `/etc/passwd` or `/dev/zero`), within the default size limit, not binary.
    let mut path = root.to_path_buf();
    for component in Path::new(relative).components() {
        let std::path::Component::Normal(part) = component else {
            return None;
        };
        path.push(part);
        if std::fs::symlink_metadata(&path)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > plugdep_analyzer::DEFAULT_MAX_FILE_SIZE {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    // The human renderer makes control characters printable (plugdep_reports::printable).
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
