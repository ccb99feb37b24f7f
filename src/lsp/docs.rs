//! Hover and completion text, read from docs/scenario-format.md itself so
//! the editor and the format guide cannot drift apart: every table row of
//! that file, keyed by its section and by the names in its first column.

use std::sync::OnceLock;

const GUIDE: &str = include_str!("../../docs/scenario-format.md");

/// One table row: `| `kind` | ChannelKind | required | ... |`.
#[derive(Debug, Clone)]
pub struct Row {
    /// The heading of the section it is in (`channels`, `Answer`), or the
    /// label a table is introduced by (`PersonaRule:`).
    pub section: String,
    /// The header cells (`Field`, `Type`, `Default`, `Meaning`).
    pub header: Vec<String>,
    pub cells: Vec<String>,
    /// The names the first cell defines: `min`, `max` in "`min`, `max`";
    /// `Var` in "`Var(var, op, number)`".
    pub names: Vec<String>,
}

pub fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| parse(GUIDE))
}

fn parse(md: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut section = String::new();
    let mut header: Option<Vec<String>> = None;
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(h) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            section = h.trim().to_string();
            header = None;
        } else if let Some(label) = line.strip_suffix(':').filter(|l| is_ident(l)) {
            section = label.to_string();
            header = None;
        } else if line.starts_with('|') {
            let cells = split_row(line);
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                continue;
            }
            match &header {
                None => header = Some(cells),
                Some(h) => {
                    let names = names_in(cells.first().map_or("", String::as_str));
                    out.push(Row {
                        section: section.clone(),
                        header: h.clone(),
                        cells,
                        names,
                    });
                }
            }
        } else if !line.trim().is_empty() {
            header = None;
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// The identifiers at the start of each backticked item of a cell.
fn names_in(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|code| {
            let name: String = code
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// The section documenting the record the cursor is in, from the fields
/// that lead to it (`["personas", "rules"]` → `PersonaRule`).
pub fn section_for<'a>(fields: &[&'a str]) -> Option<&'a str> {
    let last = *fields.last()?;
    let parent = fields.len().checked_sub(2).map(|i| fields[i]);
    Some(match (parent, last) {
        (_, "en" | "zh") => "Text",
        (Some("teams"), "objectives") => "Objective",
        (_, "office_hours") => "OfficeHours",
        (Some("channels"), "answer") => "Answer",
        (Some("channels"), "auth") => "Auth",
        (Some("messages"), "fields") => "Fields",
        (Some("personas"), "rules") => "PersonaRule",
        (Some("rules"), "choices") => "Choice",
        (None, top) => top,
        _ => return None,
    })
}

/// The row documenting `name` in `section`, or else the first row
/// anywhere that defines it.
pub fn lookup(section: Option<&str>, name: &str) -> Option<&'static Row> {
    let all = rows();
    section
        .and_then(|s| {
            all.iter()
                .find(|r| r.section.eq_ignore_ascii_case(s) && r.names.iter().any(|n| n == name))
        })
        .or_else(|| all.iter().find(|r| r.names.iter().any(|n| n == name)))
}

/// Hover text for a row: the name, where it is documented, then each cell
/// under its header.
pub fn render(row: &Row) -> String {
    let mut out = format!("**{}** — *{}*\n\n", row.cells[0], row.section);
    for (h, c) in row.header.iter().zip(&row.cells).skip(1) {
        out.push_str(&format!("- {h}: {c}\n"));
    }
    out
}

/// The field names a record in `section` can have, with their rows.
pub fn fields_of(section: &str) -> Vec<&'static Row> {
    rows()
        .iter()
        .filter(|r| {
            r.section.eq_ignore_ascii_case(section)
                && r.header.first().is_some_and(|h| h == "Field")
        })
        .collect()
}

/// Variant names (capitalised) documented anywhere, each with its row:
/// first those a table's first column defines (`Var`, `Voice`), then those
/// a field's type lists (`Good` in `valence`'s).
pub fn variants() -> Vec<(String, &'static Row)> {
    let mut out: Vec<(String, &Row)> = Vec::new();
    let upper = |n: &String| n.starts_with(|c: char| c.is_ascii_uppercase());
    let mut add = |n: String, r| {
        if !out.iter().any(|(x, _)| *x == n) {
            out.push((n, r));
        }
    };
    for r in rows() {
        r.names
            .iter()
            .filter(|n| upper(n))
            .for_each(|n| add(n.clone(), r));
    }
    for r in rows() {
        let types = r.cells.get(1).map_or(Vec::new(), |c| names_in(c));
        types.into_iter().filter(upper).for_each(|n| add(n, r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_channel_latency_row_is_read_from_the_guide() {
        let row = lookup(Some("channels"), "latency").expect("documented");
        assert_eq!(row.section, "channels");
        assert!(row.cells[3].contains("transit time"), "{:?}", row.cells);
    }

    #[test]
    fn a_field_is_looked_up_in_its_own_section_first() {
        // `min` exists in Answer and in variables; the context decides.
        let answer = lookup(Some("Answer"), "min").unwrap();
        assert!(answer.cells[3].contains("floor"), "{:?}", answer.cells);
        let var = lookup(Some("variables"), "min").unwrap();
        assert!(var.cells[3].contains("clamped"), "{:?}", var.cells);
    }

    #[test]
    fn variants_come_from_the_first_column_of_their_tables() {
        let names: Vec<String> = variants().into_iter().map(|(n, _)| n).collect();
        for v in [
            "Var",
            "Sent",
            "At",
            "Reserve",
            "Send",
            "Fixed",
            "Every",
            "ReplyWithin",
            "Good",
            "Zh",
        ] {
            assert!(names.iter().any(|n| n == v), "{v} missing from {names:?}");
        }
    }

    #[test]
    fn persona_rules_and_choices_are_documented_under_their_labels() {
        assert!(fields_of("PersonaRule").iter().any(|r| r.names == ["on"]));
        assert!(fields_of("Choice").iter().any(|r| r.names == ["delay"]));
    }
}
