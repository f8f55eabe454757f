//! Writing a trained model where the engine reads it, or checking that the shipped file is what
//! training writes (`--check`, run by CI): a model file nobody can reproduce from the code and the
//! dev corpus would be a hard-coded result.

use std::path::Path;

/// Writes `text` to `path`, or with `check` compares it with the file there and exits with
/// status 1, naming the first line that differs, when they are not the same. `program` names the
/// example in messages.
pub fn write_or_check(path: &Path, text: &str, check: bool, program: &str) {
    let canonical = path.canonicalize();
    let path = canonical.as_deref().unwrap_or(path);
    if !check {
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("{program}: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        return;
    }
    let shipped = std::fs::read_to_string(path).unwrap_or_default();
    if shipped == text {
        println!("{program}: {} is what training writes", path.display());
        return;
    }
    let line = shipped
        .lines()
        .zip(text.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| shipped.lines().count().min(text.lines().count()));
    eprintln!(
        "{program}: {} differs from what training writes (first at line {}); run `cargo run -p guarantor-evidence --release --example {program}` and commit the file",
        path.display(),
        line + 1
    );
    std::process::exit(1);
}
