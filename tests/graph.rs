//! `hotline graph` as an author runs it.

use std::process::Command;

fn hotline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hotline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs")
}

#[test]
fn graph_writes_an_svg_and_lists_the_dead_ends_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let o = hotline(&[
        "graph",
        "scenarios/wrong-target.ron",
        "--runs",
        "200",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("scenarios/wrong-target.ron:"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("dead ends (checker and 200 simulated runs)"),
        "{err}"
    );
    // Each dead end is listed with file:line:col, as the SVG outlines it.
    let listed = err
        .lines()
        .filter(|l| l.starts_with("  scenarios/wrong-target.ron:"))
        .count();
    assert_eq!(listed, svg.matches("class=\"node dead\"").count());
}

#[test]
fn graph_prints_dot_without_an_output_file_and_keeps_stdout_clean() {
    let o = hotline(&[
        "graph",
        "scenarios/safe-conduct.ron",
        "--runs",
        "0",
        "--around",
        "o_annex_works",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("// Scenario map") && out.contains("digraph"),
        "{out}"
    );
    assert!(out.contains("o_annex_works") && !out.contains("dead ends"));
}

#[test]
fn graph_refuses_an_unknown_output_kind_and_an_unknown_id() {
    let o = hotline(&["graph", "scenarios/wrong-target.ron", "-o", "map.png"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg or .dot"));
    let o = hotline(&[
        "graph",
        "scenarios/wrong-target.ron",
        "--runs",
        "0",
        "--around",
        "o_takedwn",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `o_takedown`"));
}

#[test]
fn graph_of_a_broken_scenario_prints_its_errors_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.ron");
    std::fs::write(&f, "(\n  meta: 3,\n)\n").unwrap();
    let o = hotline(&["graph", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.ron:2"));
}
