//! Plain-language lines for events, in either language. The CLI timeline,
//! the after-action report and the app all speak through this, so every
//! line names things as participants know them (team, message type and
//! channel names), never by scenario id or Rust debug formatting.

mod action;
mod duration;

pub use duration::{duration_words, elapsed_words};

use super::event::{Discount, Event, EventKind, MsgId, Verdict, Viewer};
use super::state::{Message, State};
use super::world::{Ix, World};
use crate::scenario::{AuthMethod, Lang, Minutes};

/// "+1d2h30m" relative to the start.
pub fn offset(t: u32) -> String {
    format!("+{}", Minutes(t))
}

/// Wall-clock UTC time of exercise minute `t`.
pub fn utc(w: &World, t: u32) -> String {
    format!("{}Z", w.scenario.meta.start.plus(t as i64).format())
}

pub fn team(w: &World, t: Ix, lang: Lang) -> String {
    w.scenario.teams[t].name.get(lang).to_string()
}

fn party(w: &World, t: Option<Ix>, lang: Lang) -> String {
    match t {
        Some(t) => team(w, t, lang),
        None => match lang {
            Lang::En => "everyone".into(),
            Lang::Zh => "所有人".into(),
        },
    }
}

fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// The sender as `viewer` knows it: a spoof shows its disguise until the
/// facilitator looks or the receiver exposes it.
fn sender(w: &World, m: &Message, viewer: Viewer, lang: Lang) -> String {
    let shown = party(w, m.shown_from, lang);
    match (m.spoof, viewer) {
        (Some(_), Viewer::Facilitator) => pick(
            lang,
            format!("{shown} (SPOOFED by a third party)"),
            format!("{shown}（第三方伪造）"),
        ),
        (Some(_), _) if m.exposed => pick(
            lang,
            format!("{shown} (exposed as a spoof)"),
            format!("{shown}（已识破为伪造）"),
        ),
        _ => shown,
    }
}

/// "message 3 (“Crisis notification”)" / "第3号消息（“危机通报”）".
fn msg_ref(w: &World, m: &Message, lang: Lang) -> String {
    let name = w.scenario.messages[m.mtype].name.get(lang);
    pick(
        lang,
        format!("message {} (“{name}”)", m.id),
        format!("第{}号消息（“{name}”）", m.id),
    )
}

/// An English line may open with a message reference.
fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn channel(w: &World, m: &Message, lang: Lang) -> String {
    w.scenario.channels[m.channel].name.get(lang).to_string()
}

/// "DHS sent message 3 (“Crisis notification”) to CAC via Hotline email".
fn sent_line(w: &World, m: &Message, viewer: Viewer, lang: Lang) -> String {
    let (from, to) = (sender(w, m, viewer, lang), party(w, m.to, lang));
    let (what, via) = (msg_ref(w, m, lang), channel(w, m, lang));
    pick(
        lang,
        format!("{from} sent {what} to {to} via {via}"),
        format!("{from}通过{via}向{to}发送{what}"),
    )
}

fn auth_method(method: AuthMethod, lang: Lang) -> &'static str {
    match (method, lang) {
        (AuthMethod::CodeWord, Lang::En) => "with the agreed code words",
        (AuthMethod::CodeWord, Lang::Zh) => "用约定的暗语",
        (AuthMethod::OutOfBand, Lang::En) => "by calling a known number",
        (AuthMethod::OutOfBand, Lang::Zh) => "通过已知电话号码",
    }
}

/// "tension=20, trust=50": every variable by id, for authors at the CLI.
pub fn variables(w: &World, st: &State) -> String {
    let vars: Vec<String> = w
        .scenario
        .variables
        .iter()
        .zip(&st.vars)
        .map(|(v, x)| format!("{}={x}", v.id))
        .collect();
    vars.join(", ")
}

/// One line for an event, as `viewer` may see it.
pub fn describe(w: &World, st: &State, e: &Event, viewer: Viewer, lang: Lang) -> String {
    let m = |id: MsgId| &st.messages[id as usize];
    let p = |en: String, zh: String| pick(lang, en, zh);
    match &e.kind {
        EventKind::Started { seed } => p(
            format!("Exercise started (random seed {seed})"),
            format!("演练开始（随机种子 {seed}）"),
        ),
        EventKind::Sent { msg } => {
            let mm = m(*msg);
            let line = sent_line(w, mm, viewer, lang);
            if mm.by_persona {
                p(
                    format!("{line} (computer player)"),
                    format!("{line}（电脑角色）"),
                )
            } else {
                line
            }
        }
        EventKind::CallUnanswered { msg, p: chance } => {
            let mm = m(*msg);
            let (from, to) = (sender(w, mm, viewer, lang), party(w, mm.to, lang));
            let (what, via) = (msg_ref(w, mm, lang), channel(w, mm, lang));
            let pct = (chance * 100.0).round();
            p(
                format!(
                    "Nobody answered when {from} called {to} on {via} about {what} ({pct}% chance of an answer)"
                ),
                format!("{from}就{what}经{via}致电{to}，无人接听（接听概率{pct}%）"),
            )
        }
        EventKind::Lost { msg } => {
            let mm = m(*msg);
            let (from, to) = (sender(w, mm, viewer, lang), party(w, mm.to, lang));
            let (what, via) = (msg_ref(w, mm, lang), channel(w, mm, lang));
            p(
                format!("{} from {from} to {to} was lost on {via}", cap(&what)),
                format!("{from}经{via}发给{to}的{what}在传输中丢失"),
            )
        }
        EventKind::Delivered { msg, translating } => {
            let mm = m(*msg);
            let (from, to) = (sender(w, mm, viewer, lang), party(w, mm.to, lang));
            let (what, via) = (msg_ref(w, mm, lang), channel(w, mm, lang));
            if *translating {
                p(
                    format!(
                        "{} from {from} reached {to} via {via} and awaits translation",
                        cap(&what)
                    ),
                    format!("{from}经{via}发出的{what}已送达{to}，等待翻译"),
                )
            } else {
                p(
                    format!("{} from {from} reached {to} via {via}", cap(&what)),
                    format!("{from}经{via}发出的{what}已送达{to}"),
                )
            }
        }
        EventKind::Readable { msg } => {
            let mm = m(*msg);
            let (from, what) = (sender(w, mm, viewer, lang), msg_ref(w, mm, lang));
            match mm.to {
                Some(t) => {
                    let to = team(w, t, lang);
                    p(
                        format!("{to} read {what} from {from}"),
                        format!("{to}已阅读{from}发来的{what}"),
                    )
                }
                None => p(
                    format!("{} from {from} is now public", cap(&what)),
                    format!("{from}的{what}已公开"),
                ),
            }
        }
        EventKind::ReplyOverdue { msg } => {
            let mm = m(*msg);
            let (from, to) = (sender(w, mm, viewer, lang), party(w, mm.to, lang));
            let what = msg_ref(w, mm, lang);
            p(
                format!("{to}’s reply to {what} from {from} is overdue"),
                format!("{to}对{from}{what}的答复已逾期"),
            )
        }
        EventKind::AuthStarted { msg, method } => {
            let mm = m(*msg);
            let (who, what) = (party(w, mm.to, lang), msg_ref(w, mm, lang));
            let how = auth_method(*method, lang);
            p(
                format!("{who} began verifying {what} {how}"),
                format!("{who}开始{how}核实{what}"),
            )
        }
        EventKind::AuthResult { msg, verdict, .. } => {
            let mm = m(*msg);
            let (who, what) = (party(w, mm.to, lang), msg_ref(w, mm, lang));
            match verdict {
                Verdict::Genuine => p(
                    format!("{who} confirmed that {what} is genuine"),
                    format!("{who}确认{what}为真"),
                ),
                Verdict::Spoof => p(
                    format!("{who} exposed {what} as a SPOOF by a third party"),
                    format!("{who}识破{what}系第三方伪造"),
                ),
            }
        }
        EventKind::ChannelSuspended { channel: c, by } => {
            let c = w.scenario.channels[*c].name.get(lang);
            match by {
                Some(t) => {
                    let t = team(w, *t, lang);
                    p(format!("{t} suspended {c}"), format!("{t}暂停了{c}"))
                }
                None => p(format!("{c} was suspended"), format!("{c}被暂停")),
            }
        }
        EventKind::ChannelRestored { channel: c, by } => {
            let c = w.scenario.channels[*c].name.get(lang);
            match by {
                Some(t) => {
                    let t = team(w, *t, lang);
                    p(format!("{t} restored {c}"), format!("{t}恢复了{c}"))
                }
                None => p(format!("{c} was restored"), format!("{c}已恢复")),
            }
        }
        EventKind::InjectFired { inject, msg } => {
            let title = w.scenario.injects[*inject].title.get(lang);
            match msg {
                Some(id) => {
                    let line = sent_line(w, m(*id), viewer, lang);
                    p(
                        format!("Inject “{title}”: {line}"),
                        format!("情景注入“{title}”：{line}"),
                    )
                }
                None => p(format!("Inject: {title}"), format!("情景注入：{title}")),
            }
        }
        EventKind::InjectSkipped { inject } => {
            let title = w.scenario.injects[*inject].title.get(lang);
            p(
                format!("Inject “{title}” did not occur this time (left to chance)"),
                format!("情景注入“{title}”本次未发生（随机决定）"),
            )
        }
        EventKind::CustomInject { title, .. } => p(
            format!("Facilitator inject: {title}"),
            format!("导演临时注入：{title}"),
        ),
        EventKind::VarChanged { var, from, to } => {
            let name = w.scenario.variables[*var].name.get(lang);
            if to > from {
                p(
                    format!("{name} rose from {from:.0} to {to:.0}"),
                    format!("{name}从{from:.0}升至{to:.0}"),
                )
            } else {
                p(
                    format!("{name} fell from {from:.0} to {to:.0}"),
                    format!("{name}从{from:.0}降至{to:.0}"),
                )
            }
        }
        EventKind::RungChanged { from, to } => {
            // Rung names usually carry their id ("L2 Public attribution").
            let r = |i: Ix| {
                let (id, name) = (
                    &w.scenario.ladder.rungs[i].id,
                    w.scenario.ladder.rungs[i].name.get(lang),
                );
                if name.starts_with(id.as_str()) {
                    name.to_string()
                } else {
                    format!("{id} {name}")
                }
            };
            p(
                format!("escalation ladder: {} → {}", r(*from), r(*to)),
                format!("升级阶梯：{} → {}", r(*from), r(*to)),
            )
        }
        EventKind::NormBroken { team: t, norm, .. } => {
            let (t, norm) = (team(w, *t, lang), w.scenario.norms[*norm].text.get(lang));
            p(
                format!("{t} broke a norm: {norm}"),
                format!("{t}违反规范：{norm}"),
            )
        }
        EventKind::ExpectationMet { exp } => {
            let x = w.scenario.expectations[*exp].text.get(lang);
            p(format!("Expectation met: {x}"), format!("达成预期：{x}"))
        }
        EventKind::ExpectationMissed { exp } => {
            let x = w.scenario.expectations[*exp].text.get(lang);
            p(format!("Expectation missed: {x}"), format!("未达预期：{x}"))
        }
        EventKind::OutcomeReached { outcome } => {
            let o = w.scenario.outcomes[*outcome].title.get(lang);
            p(format!("Outcome reached: {o}"), format!("达成结局：{o}"))
        }
        EventKind::Ended { outcome } => match outcome {
            Some(o) => {
                let o = w.scenario.outcomes[*o].title.get(lang);
                p(format!("Exercise ended: {o}"), format!("演练结束：{o}"))
            }
            None => p(
                "Exercise ended with no outcome".into(),
                "演练结束，无结局".into(),
            ),
        },
        EventKind::PersonaChose { .. } => action::persona_chose(w, &e.kind, lang),
        EventKind::PersonaBlocked {
            team: t,
            persona,
            reason,
            ..
        } => {
            let who = action::computer_player(w, *t, *persona, lang);
            p(
                format!("{who} could not act: {reason}"),
                format!("{who}无法行动：{reason}"),
            )
        }
        EventKind::Action { action } => action::describe_action(w, action, lang),
        EventKind::Discounted {
            msg,
            weight,
            reason,
            ..
        } => {
            let mm = m(*msg);
            let (from, what) = (sender(w, mm, viewer, lang), msg_ref(w, mm, lang));
            let pct = (weight * 100.0).round();
            match reason {
                Discount::NoOpenOffer => p(
                    format!("{from}’s {what} answered no open offer and counted for nothing"),
                    format!("{from}的{what}未回应任何有效提议，不产生效果"),
                ),
                Discount::Limit => p(
                    format!(
                        "{from}’s {what} came after the last one that could count, and counted for nothing"
                    ),
                    format!("{from}的{what}超出可计次数，不产生效果"),
                ),
                Discount::Cooldown => p(
                    format!(
                        "{from}’s {what} came too soon after the last one, and counted for nothing"
                    ),
                    format!("{from}的{what}与上一次间隔过短，不产生效果"),
                ),
                Discount::Repeat(n) => p(
                    format!(
                        "{from}’s {what} repeats an earlier gesture ({} time{}) and counted {pct}%",
                        n,
                        if *n == 1 { "" } else { "s" }
                    ),
                    format!("{from}的{what}系重复表态（第{}次重复），效果计{pct}%", n),
                ),
            }
        }
        EventKind::TruthDrawn { truth, fixed } => {
            let name = w.scenario.truths[*truth].name.get(lang);
            if *fixed {
                p(
                    format!(
                        "What really happened (chosen for this run, hidden from the teams): {name}"
                    ),
                    format!("真实情况（本次指定，对各队保密）：{name}"),
                )
            } else {
                p(
                    format!(
                        "What really happened (drawn for this run, hidden from the teams): {name}"
                    ),
                    format!("真实情况（本次随机抽取，对各队保密）：{name}"),
                )
            }
        }
        EventKind::ModuleStarted { module } => {
            let title = w.scenario.modules[*module].title.get(lang);
            p(
                format!("Module {}: {title}", module + 1),
                format!("第{}单元：{title}", module + 1),
            )
        }
        EventKind::ModuleEnded { module } => {
            let title = w.scenario.modules[*module].title.get(lang);
            p(
                format!(
                    "End of module {}: {title}. Pause for discussion",
                    module + 1
                ),
                format!("第{}单元结束：{title}。暂停讨论", module + 1),
            )
        }
    }
}
