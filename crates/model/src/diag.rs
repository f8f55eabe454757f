//! Diagnostics: what is wrong with a scenario file, where, and how to fix it.
//!
//! Every problem found in a scenario (a TOML syntax error, a wrong type, an unknown capability, a
//! condition cycle) becomes a [`Diagnostic`] with a byte span into the source, a message, and a hint
//! where one exists. They are collected, not thrown: a user fixing a file wants every problem at
//! once. Rendering to text (with file:line:column and the offending line) lives here too, because
//! it is a pure function of the source; printing is the caller's job.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

/// How bad a diagnostic is. Errors stop the assessment; warnings are printed and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, naming the offending value in backticks.
    pub message: String,
    /// Byte range in the source text; `None` when the problem has no single place (a missing table).
    pub span: Option<Range<usize>>,
    /// A short note printed under the offending text.
    pub label: String,
    /// How to fix it ("did you mean `air_defence`?"), when the engine can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, span)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A 1-based line and column, as editors count them (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The line and column of a byte offset in `text`. Offsets past the end map to the end.
pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// Renders diagnostics the way compilers do: `error: ...`, `--> file:line:col`, the source line
/// with the offending text underlined, and a `help:` line. No colour: callers decide about
/// terminals, and snapshot tests need plain text.
pub fn render(file_name: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let file = SimpleFile::new(file_name, source);
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_message(d.message.clone());
        if let Some(span) = &d.span {
            let span = clamp(span.clone(), source);
            cs = cs.with_labels(vec![Label::primary((), span).with_message(d.label.clone())]);
        } else {
            cs = cs.with_notes(vec![format!("in {file_name}")]);
        }
        if let Some(help) = &d.help {
            cs = cs.with_notes(vec![format!("help: {help}")]);
        }
        // Rendering fails only on a span outside the file, which `clamp` rules out; fall back to
        // a plain line rather than lose the diagnostic.
        match term::emit_into_string(&config, &file, &cs) {
            Ok(text) => out.push_str(&text),
            Err(_) => out.push_str(&format!("{:?}: {}\n", d.severity, d.message)),
        }
    }
    out
}

fn clamp(span: Range<usize>, source: &str) -> Range<usize> {
    let end = span.end.min(source.len());
    let start = span.start.min(end);
    start..end
}

/// Counts errors and warnings for a closing summary line.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    match (errors, warnings) {
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{} and {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbb = \"é x\"\n";
        assert_eq!(line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), LineCol { line: 2, column: 9 });
        assert_eq!(line_col(text, 10_000).line, 3);
    }

    #[test]
    fn summary_pluralises() {
        let e = Diagnostic::error("x", None);
        let w = Diagnostic::warning("y", None);
        assert_eq!(summary(std::slice::from_ref(&e)), "1 error");
        assert_eq!(
            summary(&[e.clone(), e.clone(), w.clone()]),
            "2 errors and 1 warning"
        );
        assert_eq!(summary(&[w.clone(), w]), "2 warnings");
    }
}
