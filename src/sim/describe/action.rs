//! Lines for what people and computer players decided: facilitator and
//! team actions, and persona choices.

use super::{auth_method, pick, team};
use crate::scenario::{Lang, PersonaAct};
use crate::sim::action::{Action, Audience};
use crate::sim::event::EventKind;
use crate::sim::world::{Ix, World};

/// A team by scenario id, as actions name it; the id itself if unknown.
fn team_by_id(w: &World, id: &str, lang: Lang) -> String {
    w.ids
        .teams
        .get(id)
        .map_or_else(|| id.to_string(), |&t| team(w, t, lang))
}

fn persona_name(w: &World, p: Ix, lang: Lang) -> String {
    w.scenario.personas[p].name.get(lang).to_string()
}

/// "CAC’s computer player (“Cooperative”)".
pub(super) fn computer_player(w: &World, t: Ix, p: Ix, lang: Lang) -> String {
    let (t, name) = (team(w, t, lang), persona_name(w, p, lang));
    pick(
        lang,
        format!("{t}’s computer player (“{name}”)"),
        format!("{t}的电脑角色（“{name}”）"),
    )
}

/// What a persona's choice does, to follow "chose".
fn act(w: &World, a: &PersonaAct, lang: Lang) -> String {
    let name =
        |ids: &std::collections::HashMap<String, Ix>, id: &str, names: &dyn Fn(Ix) -> String| {
            ids.get(id).map_or_else(|| id.to_string(), |&i| names(i))
        };
    match a {
        PersonaAct::Nothing => pick(lang, "to do nothing".into(), "不采取行动".into()),
        PersonaAct::Send { msg, channel, .. } => {
            let m = name(&w.ids.messages, msg, &|i| {
                w.scenario.messages[i].name.get(lang).into()
            });
            let c = name(&w.ids.channels, channel, &|i| {
                w.scenario.channels[i].name.get(lang).into()
            });
            pick(
                lang,
                format!("to send “{m}” via {c}"),
                format!("通过{c}发送“{m}”"),
            )
        }
        PersonaAct::Authenticate(method) => {
            let how = auth_method(*method, lang);
            pick(
                lang,
                format!("to verify the message {how}"),
                format!("{how}核实该消息"),
            )
        }
    }
}

/// For the facilitator: who chose what, under which rule, out of how many
/// options; the random draw stays for authors balancing a persona.
pub(super) fn persona_chose(w: &World, kind: &EventKind, lang: Lang) -> String {
    let &EventKind::PersonaChose {
        team: t,
        persona: p,
        rule,
        offered,
        draw,
        choice,
    } = kind
    else {
        // Only ever called with a PersonaChose.
        return String::new();
    };
    let who = computer_player(w, t, p, lang);
    let r = &w.scenario.personas[p].rules[rule];
    let what = r
        .choices
        .get(choice)
        .map_or_else(String::new, |c| act(w, &c.act, lang));
    let (n, of) = (offered.count_ones(), r.choices.len());
    pick(
        lang,
        format!(
            "{who} chose {what} (rule “{}”, {n} of {of} options offered, random draw {draw:.3})",
            r.id
        ),
        format!(
            "{who}选择{what}（规则“{}”，{of}个选项中提供了{n}个，随机抽样 {draw:.3}）",
            r.id
        ),
    )
}

pub(super) fn describe_action(w: &World, a: &Action, lang: Lang) -> String {
    let p = |en: String, zh: String| pick(lang, en, zh);
    match a {
        Action::Pause => p(
            "Facilitator paused the exercise".into(),
            "导演暂停了演练".into(),
        ),
        Action::Resume => p(
            "Facilitator resumed the exercise".into(),
            "导演恢复了演练".into(),
        ),
        Action::SetSpeed(s) => {
            // What the speed means in time: clock_speed is exercise minutes
            // per wall-clock second at 1x.
            let per_s = s.saturating_mul(w.scenario.meta.clock_speed.max(1));
            p(
                format!("Clock speed set to {s}× ({per_s} exercise minutes per second)"),
                format!("时钟调为{s}倍速（每秒{per_s}分钟演练时间）"),
            )
        }
        Action::Note(n) => p(format!("Facilitator note: {n}"), format!("导演笔记：{n}")),
        Action::Override { var, value } => {
            let name = w.ids.vars.get(var).map_or_else(
                || var.clone(),
                |&v| w.scenario.variables[v].name.get(lang).into(),
            );
            p(
                format!("Facilitator set {name} to {value}"),
                format!("导演将{name}设为{value}"),
            )
        }
        Action::SetPersona { team: t, persona } => {
            let t = team_by_id(w, t, lang);
            match persona {
                Some(id) => {
                    let name = w
                        .ids
                        .personas
                        .get(id)
                        .map_or_else(|| id.clone(), |&i| persona_name(w, i, lang));
                    p(
                        format!("{t} is now played by the computer (persona “{name}”)"),
                        format!("{t}现由电脑扮演（角色“{name}”）"),
                    )
                }
                None => p(
                    format!("{t} is now played by people"),
                    format!("{t}现由玩家扮演"),
                ),
            }
        }
        Action::End => p(
            "Facilitator ended the exercise".into(),
            "导演结束了演练".into(),
        ),
        // The rest have events of their own; these lines serve a journal
        // read on its own.
        Action::Send {
            team: t,
            msg,
            channel,
            ..
        } => {
            let act = act(
                w,
                &PersonaAct::Send {
                    msg: msg.clone(),
                    channel: channel.clone(),
                    reply: false,
                    fields: Default::default(),
                    text: Default::default(),
                },
                lang,
            );
            let t = team_by_id(w, t, lang);
            p(format!("{t} chose {act}"), format!("{t}选择{act}"))
        }
        Action::Authenticate {
            team: t,
            message,
            method,
        } => {
            let (t, how) = (team_by_id(w, t, lang), auth_method(*method, lang));
            p(
                format!("{t} asked to verify message {message} {how}"),
                format!("{t}要求{how}核实第{message}号消息"),
            )
        }
        Action::FireInject(id) => {
            let title = w.ids.injects.get(id).map_or_else(
                || id.clone(),
                |&i| w.scenario.injects[i].title.get(lang).into(),
            );
            p(
                format!("Facilitator fired the inject “{title}”"),
                format!("导演触发情景注入“{title}”"),
            )
        }
        Action::CustomInject { to, title, .. } => {
            let to = match to {
                Audience::Team(t) => team_by_id(w, t, lang),
                Audience::Teams => p("both teams".into(), "各团队".into()),
                Audience::Public => p("everyone".into(), "所有人".into()),
                Audience::Facilitator => p("the facilitator".into(), "导演".into()),
            };
            let title = title.get(lang);
            p(
                format!("Facilitator inject to {to}: {title}"),
                format!("导演向{to}临时注入：{title}"),
            )
        }
        Action::Tick => p("The clock moved on".into(), "时钟推进".into()),
    }
}
