//! Why the engine refused something, in the words of the screen: names
//! and labels in the interface language, never ids.

use crate::scenario::Lang;
use crate::sim::{ActionError, World};

/// A field's label for `msg`'s type, or the id when there is none.
fn field_label(w: &World, msg: Option<&str>, field: &str, lang: Lang) -> String {
    w.scenario
        .messages
        .iter()
        .filter(|m| msg.is_none_or(|id| m.id == id))
        .flat_map(|m| &m.fields)
        .find(|f| f.id == field)
        .map_or_else(|| field.to_string(), |f| f.label.get(lang).to_string())
}

fn channel(w: &World, id: &str, lang: Lang) -> String {
    w.ids.channels.get(id).map_or_else(
        || id.to_string(),
        |&c| w.scenario.channels[c].name.get(lang).to_string(),
    )
}

fn message_type(w: &World, id: &str, lang: Lang) -> String {
    w.ids.messages.get(id).map_or_else(
        || id.to_string(),
        |&m| w.scenario.messages[m].name.get(lang).to_string(),
    )
}

fn team(w: &World, id: &str, lang: Lang) -> String {
    w.ids.teams.get(id).map_or_else(
        || id.to_string(),
        |&t| w.scenario.teams[t].name.get(lang).to_string(),
    )
}

pub fn explain(w: &World, e: &ActionError, lang: Lang) -> String {
    use ActionError::*;
    let zh = lang == Lang::Zh;
    let pick = |en: String, cn: String| if zh { cn } else { en };
    match e {
        MissingField { msg, field } => {
            let f = field_label(w, Some(msg), field, lang);
            pick(format!("Fill in “{f}”."), format!("请填写“{f}”。"))
        }
        BadField { field, reason } => {
            let f = field_label(w, None, field, lang);
            pick(format!("“{f}”: {reason}"), format!("“{f}”：{reason}"))
        }
        ChannelSuspended(c) => {
            let c = channel(w, c, lang);
            pick(
                format!("{c} is suspended: nothing goes through it."),
                format!("{c}已暂停，无法通过该渠道发送。"),
            )
        }
        NotCarried { msg, channel: c } => {
            let (m, c) = (message_type(w, msg, lang), channel(w, c, lang));
            pick(
                format!("{c} does not carry “{m}”."),
                format!("{c}不能传递“{m}”。"),
            )
        }
        NotEndpoint {
            team: t,
            channel: c,
        } => {
            let (t, c) = (team(w, t, lang), channel(w, c, lang));
            pick(format!("{t} is not on {c}."), format!("{t}不在{c}上。"))
        }
        NoCodeWords(c) => {
            let c = channel(w, c, lang);
            pick(
                format!("{c} has no agreed code words: verify out of band."),
                format!("{c}没有约定暗语，请通过其他渠道核实。"),
            )
        }
        NotSuspendable { channel: c, .. } => {
            let c = channel(w, c, lang);
            pick(
                format!("Your side cannot suspend or restore {c}."),
                format!("你方无权暂停或恢复{c}。"),
            )
        }
        AlreadyFired(_) => pick(
            "That inject has already gone out.".into(),
            "该注入已发出。".into(),
        ),
        Ended => pick("The exercise has ended.".into(), "演练已结束。".into()),
        OutOfRange { value, .. } => pick(
            format!("{value} is outside the variable's range."),
            format!("{value}超出该变量的范围。"),
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::exercise::tests::world;

    #[test]
    fn a_missing_field_is_named_by_its_label_in_each_language() {
        let w = world();
        let (m, f) = w
            .scenario
            .messages
            .iter()
            .find_map(|m| m.fields.iter().find(|f| f.required).map(|f| (m, f)))
            .unwrap();
        let e = ActionError::MissingField {
            msg: m.id.clone(),
            field: f.id.clone(),
        };
        let en = explain(&w, &e, Lang::En);
        assert!(en.contains(&f.label.en), "{en}");
        assert!(!en.contains(&format!("`{}`", f.id)), "no ids: {en}");
        assert!(explain(&w, &e, Lang::Zh).contains(&f.label.zh));
    }

    #[test]
    fn a_suspended_channel_is_named_not_quoted() {
        let w = world();
        let c = &w.scenario.channels[0];
        let en = explain(&w, &ActionError::ChannelSuspended(c.id.clone()), Lang::En);
        assert!(en.starts_with(c.name.en.as_str()), "{en}");
    }
}
