//! Shared fixtures: a scratch scenarios directory holding the shipped August scenario, and a
//! hostile copy of it whose strings are full of markup.

/// The shipped August 2025 scenario.
pub const AUGUST: &str = include_str!("../../../../scenarios/ukraine-2025-08.toml");

/// The August scenario with `<script>` and event-handler attributes in every free-text field the
/// page or report shows. Each replacement is checked, so the test notices if the scenario moves.
pub fn hostile() -> String {
    let mut text = AUGUST.to_string();
    for (from, to) in [
        (
            r#"name = "Ukraine security guarantee, August 2025""#,
            r#"name = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'"#,
        ),
        (
            r#"name = "United States""#,
            r#"name = '"><img src=x onerror=window.__pwned=3><script>window.__pwned=4</script>'"#,
        ),
        (
            r#"source = "seed-003 / seed-004: Moscow"#,
            r#"source = "<script>window.__pwned=5</script> https://evil.example/\"onmouseover=alert(1) javascript:alert(1) seed-003 / seed-004: Moscow"#,
        ),
    ] {
        assert!(
            text.contains(from),
            "the August scenario no longer has {from}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// A scratch directory with `ukraine-2025-08.toml`, `hostile.toml`, and a secret file beside the
/// directory that no request may read.
pub fn scenarios() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("scenarios");
    std::fs::create_dir(&dir).expect("scenarios dir");
    std::fs::write(dir.join("ukraine-2025-08.toml"), AUGUST).expect("write");
    std::fs::write(dir.join("hostile.toml"), hostile()).expect("write");
    std::fs::write(root.path().join("secret.toml"), "SECRET-CONTENT = 1\n").expect("write");
    root
}

pub fn dir(root: &tempfile::TempDir) -> std::path::PathBuf {
    root.path().join("scenarios")
}
