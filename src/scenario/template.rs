//! The starting scenario `hotline new` writes: a complete, commented file
//! kept as `assets/new-scenario.ron`, with its id and title filled in.

/// The template as shipped, with `{{ID}}`, `{{TITLE}}` and `{{TITLE_ZH}}`
/// placeholders.
pub const TEMPLATE: &str = include_str!("../../assets/new-scenario.ron");

/// The template with its placeholders filled. `title_zh` defaults to the
/// English title (the author translates it).
pub fn render(id: &str, title: &str, title_zh: Option<&str>) -> String {
    TEMPLATE
        .replace("{{ID}}", &escape(id))
        .replace("{{TITLE_ZH}}", &escape(title_zh.unwrap_or(title)))
        // The comment on the first line takes the title as written.
        .replacen("{{TITLE}}", &one_line(title), 1)
        .replace("{{TITLE}}", &escape(title))
}

fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The text of a RON string literal (without its quotes).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_quotes_and_backslashes_still_loads_and_reads_back() {
        let title = "The \"Borrowed\" C:\\ drive";
        let text = render("odd", title, None);
        let loaded = crate::scenario::load_str("odd.ron".as_ref(), &text).expect("loads");
        assert_eq!(loaded.scenario.meta.title.en, title);
        assert_eq!(loaded.scenario.meta.title.zh, title);
        assert_eq!(loaded.scenario.meta.id, "odd");
    }

    #[test]
    fn no_placeholder_is_left_in_the_rendered_file() {
        let text = render("x", "X", Some("某"));
        assert!(!text.contains("{{"), "a placeholder was left unfilled");
    }
}
