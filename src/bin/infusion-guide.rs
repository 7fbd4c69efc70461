//! `infusion-guide`: the command-line tool for clinics' content files.
//!
//! ```text
//! cargo run --release --bin infusion-guide -- check [--readability] FILE...
//! cargo run --release --bin infusion-guide -- schema
//! cargo run --release --bin infusion-guide -- render FILE --lang LANG [--heading-level N] [--css-href URL]
//! cargo run --release --bin infusion-guide -- init --name NAME --phone PHONE [--email ...] [--output FILE]
//! ```
//!
//! `check` merges each file onto the built-in guide and validates it, printing
//! one line per problem, `FILE:LINE:COLUMN: PATH: message`, as a compiler does,
//! so editors can jump to it. Exit status, for every subcommand: 0 on
//! success, 1 when a content file is invalid, 2 when a file cannot be read or
//! written or the arguments are wrong.

// A native tool: on wasm32 (where cargo still builds it for the browser tests)
// it is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use infusion_guide::content::{self, Content, SectionReadability};
use infusion_guide::render::{PageOptions, RenderFailure};

/// Each command: its name, its synopsis and what it does.
const COMMANDS: [(&str, &str, &str); 5] = [
    (
        "check",
        "check [--readability] FILE...",
        "Merge each content file onto the built-in guide and validate it. One line
      per problem: FILE:LINE:COLUMN: PATH: message. With --readability, also
      print the reading level of every part in every language, and warn (not
      fail) about parts above grade 8.",
    ),
    (
        "schema",
        "schema",
        "Print the JSON Schema of the content format (for editors like VS Code).",
    ),
    (
        "render",
        "render FILE --lang LANG [--heading-level N] [--region REGION]
       [--css-href URL]",
        "Print the whole guide as static HTML, to paste inside <infusion-guide>:
      patients without JavaScript and search engines see the full guide.
      --heading-level (1 to 4, default 2) is the guide title's heading level;
      --region the crisis numbers shown (us, uk, ca, ie, au, nz, es, mx or
      other; default: the content's region), as the element's attribute; --css-href (default infusion-guide.css)
      where the page finds the stylesheet.",
    ),
    (
        "prerender",
        "prerender --css FILE",
        "For the build (web/bundle.mjs): print, as JSON, the built-in guide as
      static HTML in each of its languages, its crisis notice for each region,
      and the stylesheet FILE minified; the loader shows these before the
      WebAssembly has started, and wherever it cannot start.",
    ),
    (
        "init",
        "init --name NAME --phone PHONE [--email EMAIL] [--website URL]
       [--booking-url URL] [--region REGION] [--output FILE]",
        "Write a starter content file for a new clinic (to FILE, or print it).
      An existing FILE is never overwritten.",
    ),
];

const EXIT_STATUS: &str =
    "Exit status: 0 success, 1 invalid content, 2 unreadable file or bad arguments.";

/// The usage of every command, or of one.
fn usage_text(only: Option<&str>) -> String {
    let commands: Vec<String> = COMMANDS
        .iter()
        .filter(|(name, _, _)| only.is_none_or(|only| only == *name))
        .map(|(_, synopsis, what)| format!("  {synopsis}\n      {what}"))
        .collect();
    let head = match only {
        Some(name) => format!("usage: infusion-guide {name} ..."),
        None => "usage: infusion-guide <command> ...   (infusion-guide <command> --help for one)"
            .to_owned(),
    };
    format!("{head}\n\n{}\n\n{EXIT_STATUS}", commands.join("\n"))
}

/// A command-line failure: what to tell the user, and the exit status.
struct Failure(u8, String);

fn usage(problem: impl Into<String>) -> Failure {
    Failure(2, format!("{}\n\n{}", problem.into(), usage_text(None)))
}

fn is_help(arg: &str) -> bool {
    matches!(arg, "--help" | "-h")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((command, rest)) if rest.iter().any(|a| is_help(a)) => {
            match COMMANDS.iter().find(|(name, _, _)| name == command) {
                Some((name, _, _)) => write_out(&format!("{}\n", usage_text(Some(name)))),
                None => Err(usage(format!("unknown command: {command}"))),
            }
        }
        Some((command, rest)) => match command.as_str() {
            "check" => check(rest),
            "schema" if rest.is_empty() => schema(),
            "render" => render(rest),
            "prerender" => prerender(rest),
            "init" => init(rest),
            "--help" | "-h" | "help" => write_out(&format!("{}\n", usage_text(None))),
            other => Err(usage(format!("unknown command or arguments: {other}"))),
        },
        None => Err(usage("no command given")),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure(code, message)) => {
            eprintln!("infusion-guide: {message}");
            ExitCode::from(code)
        }
    }
}

/// Named options (`--name value`) and flags (`--readability`) after a command.
struct Args {
    values: BTreeMap<String, String>,
    flags: Vec<String>,
    positional: Vec<String>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], flags: &[&str]) -> Result<Args, Failure> {
        let mut parsed = Args {
            values: BTreeMap::new(),
            flags: Vec::new(),
            positional: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                if with_value.contains(&name) {
                    let value = iter
                        .next()
                        .ok_or_else(|| usage(format!("--{name} needs a value")))?;
                    parsed.values.insert(name.to_owned(), value.clone());
                } else if flags.contains(&name) {
                    parsed.flags.push(name.to_owned());
                } else {
                    return Err(usage(format!("unknown option --{name}")));
                }
            } else {
                parsed.positional.push(arg.clone());
            }
        }
        Ok(parsed)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}

/// Writes `text` to standard output. A reader that went away early (as in
/// `infusion-guide render ... | head`) is no failure: there is nobody left
/// to tell, so the tool ends quietly with status 0.
fn write_out(text: &str) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(Failure(2, format!("cannot write the output: {e}"))),
    }
}

fn read(file: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure(2, format!("{file}: cannot read the file: {e}")))
}

fn check(args: &[String]) -> Result<u8, Failure> {
    let args = Args::parse(args, &[], &["readability"])?;
    if args.positional.is_empty() {
        return Err(usage("check needs at least one file"));
    }
    let readability = args.flags.iter().any(|f| f == "readability");
    let mut worst = 0;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for file in &args.positional {
        let bytes = match read(file) {
            Ok(bytes) => bytes,
            Err(Failure(code, message)) => {
                eprintln!("infusion-guide: {message}");
                worst = worst.max(code);
                continue;
            }
        };
        match content::load_clinic_bytes(&bytes) {
            Ok(content) => {
                let _ = writeln!(out, "{file}: ok");
                if readability {
                    let _ = write!(out, "{}", readability_table(file, &content));
                }
            }
            Err(errors) => {
                for error in &errors {
                    let _ = writeln!(out, "{}", error.to_line(file));
                }
                let plural = if errors.len() == 1 { "" } else { "s" };
                let _ = writeln!(out, "{file}: {} problem{plural}", errors.len());
                worst = worst.max(1);
            }
        }
    }
    Ok(worst)
}

/// The reading level of every part in every language, and a warning line per
/// part above grade 8.
fn readability_table(file: &str, content: &Content) -> String {
    use infusion_guide::content::readability::Formula;
    let rows = content.readability();
    let mut table = format!(
        "\n{:<6} {:<40} {:>6} {:<19} {:>6} {:>7}\n",
        "lang", "part", "words", "formula", "score", "second"
    );
    let score = |value: Option<f64>| value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"));
    let formula = |row: &SectionReadability| match row.formula {
        Some(Formula::English) => "FK grade / SMOG",
        Some(Formula::Spanish) => "INFLESZ / F-Huerta",
        None => "none for this lang",
    };
    for row in &rows {
        let flag = match (row.too_hard(), row.formula) {
            (true, Some(Formula::Spanish)) => "  below 55",
            (true, _) => "  above grade 8",
            _ => "",
        };
        table.push_str(&format!(
            "{:<6} {:<40} {:>6} {:<19} {:>6} {:>7}{flag}\n",
            row.lang,
            row.section,
            row.stats.words,
            formula(row),
            score(row.score()),
            score(row.second_score()),
        ));
    }
    table.push('\n');
    for row in rows.iter().filter(|r| r.too_hard()) {
        let advice = match row.formula {
            Some(Formula::Spanish) => format!(
                "reads at INFLESZ {}; aim for 65 or more, stay at or above {}",
                score(row.score()),
                SectionReadability::WARN_BELOW_INFLESZ
            ),
            _ => format!(
                "reads at grade {}; aim for 6, stay at or below {}",
                score(row.score()),
                SectionReadability::WARN_ABOVE_GRADE
            ),
        };
        table.push_str(&format!(
            "{file}: warning: {} ({}) {advice}\n",
            row.section, row.lang
        ));
    }
    let mut without: Vec<&str> = rows
        .iter()
        .filter(|r| r.formula.is_none())
        .map(|r| r.lang.as_str())
        .collect();
    without.dedup();
    for lang in without {
        table.push_str(&format!(
            "{file}: note: there is no reading formula for \"{lang}\" here; its parts are not scored\n"
        ));
    }
    table
}

fn schema() -> Result<u8, Failure> {
    write_out(&infusion_guide::schema::content_schema())
}

fn render(args: &[String]) -> Result<u8, Failure> {
    let args = Args::parse(args, &["lang", "heading-level", "region", "css-href"], &[])?;
    let [file] = args.positional.as_slice() else {
        return Err(usage("render needs exactly one content file"));
    };
    let lang = args
        .value("lang")
        .ok_or_else(|| usage("render needs --lang, for example --lang en"))?;
    let heading_level = match args.value("heading-level") {
        None => 2,
        Some(level) => level
            .parse::<u8>()
            .ok()
            .filter(|l| infusion_guide::app::HEADING_LEVELS.contains(l))
            .ok_or_else(|| usage("--heading-level is a number from 1 to 4"))?,
    };
    let region = match args.value("region") {
        None => None,
        Some(name) => Some(content::Region::from_name(name).ok_or_else(|| {
            usage(format!(
                "--region is one of: {}",
                content::Region::names_in_words()
            ))
        })?),
    };
    let css_href = args.value("css-href").unwrap_or("infusion-guide.css");
    let bytes = read(file)?;
    let options = PageOptions {
        lang,
        heading_level,
        region,
        css_href,
    };
    match infusion_guide::render::render_clinic_file(&bytes, options) {
        Ok(html) => write_out(&html),
        Err(RenderFailure::Content(errors)) => {
            for error in &errors {
                eprintln!("{}", error.to_line(file));
            }
            Ok(1)
        }
        Err(RenderFailure::NoLanguage { lang, languages }) => Err(usage(format!(
            "the content has no language \"{lang}\"; it has: {}",
            languages.join(", ")
        ))),
    }
}

fn prerender(args: &[String]) -> Result<u8, Failure> {
    let args = Args::parse(args, &["css"], &[])?;
    if !args.positional.is_empty() {
        return Err(usage(
            "prerender takes no file: it renders the built-in guide",
        ));
    }
    let css_file = args
        .value("css")
        .ok_or_else(|| usage("prerender needs --css, for example --css styles/widget.css"))?;
    let css = String::from_utf8(read(css_file)?)
        .map_err(|_| usage(format!("{css_file} is not UTF-8 text")))?;
    let content = content::default_content().map_err(|errors| {
        Failure(
            1,
            format!("the built-in guide is invalid ({} problems)", errors.len()),
        )
    })?;
    let json =
        infusion_guide::prerender::prerender_json(content, &css).map_err(|e| Failure(1, e))?;
    write_out(&json)
}

fn init(args: &[String]) -> Result<u8, Failure> {
    let args = Args::parse(
        args,
        &[
            "name",
            "phone",
            "email",
            "website",
            "booking-url",
            "region",
            "output",
        ],
        &[],
    )?;
    if !args.positional.is_empty() {
        return Err(usage(format!(
            "unexpected argument: {}",
            args.positional.join(" ")
        )));
    }
    let starter = content::StarterClinic {
        name: args
            .value("name")
            .ok_or_else(|| usage("init needs --name"))?,
        phone: args
            .value("phone")
            .ok_or_else(|| usage("init needs --phone"))?,
        email: args.value("email"),
        website: args.value("website"),
        booking_url: args.value("booking-url"),
        region: args.value("region").unwrap_or("us"),
    };
    let text = starter.to_json();
    // The starter must itself be valid, so a typo in a flag is caught now.
    if let Err(errors) = content::load_clinic(&text) {
        for error in &errors {
            eprintln!("infusion-guide: {}", error);
        }
        return Err(usage("the values given do not make a valid content file"));
    }
    match args.value("output") {
        None => return write_out(&text),
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| {
                    Failure(
                        2,
                        format!("{path}: cannot create the file (it is never overwritten): {e}"),
                    )
                })?;
            file.write_all(text.as_bytes())
                .map_err(|e| Failure(2, format!("{path}: cannot write: {e}")))?;
            eprintln!("Wrote {path}. Check it with: infusion-guide check {path}");
        }
    }
    Ok(0)
}
