//! Prints what the pipeline extracts from a text given on the command line or stdin: mentions
//! and statements with their attribution. A tool for writing lexicon entries, not a test.
//!
//! Run: `cargo run -p guarantor-evidence --example explain -- "Trump said ..."`. A text that
//! begins with header lines (`Outlet: gov.uk`, then a blank line; the `.txt` ingest format) keeps
//! them, so a publisher's voice can be tried; without them the first line is the headline. `--rules` first: the rules alone, without the
//! learned classifier, to see which of the two made a statement.

use std::io::Read;

use guarantor_evidence::Pipeline;
use guarantor_evidence::source::parse_text;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules_only = args.first().is_some_and(|a| a == "--rules");
    if rules_only {
        args.remove(0);
    }
    let mut text: String = args.join(" ");
    if text.is_empty() {
        let _ = std::io::stdin().read_to_string(&mut text);
    }
    // Without header lines the first line is the title, which opens the cleaned text.
    let raw = parse_text("input", &text);
    let mut pipeline = Pipeline::default();
    if rules_only {
        pipeline.extractor =
            guarantor_evidence::Extractor::new(&guarantor_evidence::lexicon::Lexicon::default());
    }
    match pipeline.process(&raw) {
        Err(e) => eprintln!("error: {e}"),
        Ok(p) => {
            for m in &p.mentions {
                println!(
                    "mention  {:<24} {:?} `{}`",
                    m.entity,
                    m.method,
                    &p.cleaned.text[m.start..m.end]
                );
            }
            for s in &p.statements {
                println!(
                    "statement {} {} {} {} by {:?} ({}) quote `{}`",
                    s.actor,
                    s.capability,
                    s.stance.as_str(),
                    s.modality.as_str(),
                    s.attributed_to,
                    s.attribution.as_str(),
                    s.quote
                );
            }
        }
    }
}
