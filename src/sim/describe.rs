//! Plain-language lines for events, in either language. The CLI timeline,
//! the after-action report and the app all speak through this.

use super::action::Action;
use super::event::{Event, EventKind, Verdict, Viewer};
use super::state::{Message, State};
use super::world::{Ix, World};
use crate::scenario::{Lang, Minutes};

/// "+1d2h30m" relative to the start.
pub fn offset(t: u32) -> String {
    format!("+{}", Minutes(t))
}

/// Wall-clock UTC time of exercise minute `t`.
pub fn utc(w: &World, t: u32) -> String {
    format!("{}Z", w.s.meta.start.plus(t as i64).format())
}

pub fn team(w: &World, t: Ix, lang: Lang) -> String {
    w.s.teams[t].name.get(lang).to_string()
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

/// The sender as `viewer` knows it: a spoof shows its disguise until the
/// facilitator looks or the receiver exposes it.
fn sender(w: &World, m: &Message, viewer: Viewer, lang: Lang) -> String {
    let shown = party(w, m.shown_from, lang);
    match (m.spoof, viewer) {
        (Some(_), Viewer::Facilitator) => match lang {
            Lang::En => format!("{shown} (SPOOFED by a third party)"),
            Lang::Zh => format!("{shown}（第三方伪造）"),
        },
        (Some(_), _) if m.exposed => match lang {
            Lang::En => format!("{shown} (exposed as a spoof)"),
            Lang::Zh => format!("{shown}（已识破为伪造）"),
        },
        _ => shown,
    }
}

fn msg_line(w: &World, m: &Message, viewer: Viewer, lang: Lang) -> String {
    format!(
        "{} → {}: {} [{}]",
        sender(w, m, viewer, lang),
        party(w, m.to, lang),
        w.s.messages[m.mtype].name.get(lang),
        w.s.channels[m.channel].name.get(lang)
    )
}

/// "tension=20, trust=50": every variable by id.
pub fn variables(w: &World, st: &State) -> String {
    let vars: Vec<String> =
        w.s.variables
            .iter()
            .zip(&st.vars)
            .map(|(v, x)| format!("{}={x}", v.id))
            .collect();
    vars.join(", ")
}

/// One line for an event, as `viewer` may see it.
pub fn describe(w: &World, st: &State, e: &Event, viewer: Viewer, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let m = |id: u32| &st.messages[id as usize];
    let pick = |en: String, cn: String| if zh { cn } else { en };
    match &e.kind {
        EventKind::Started { seed } => pick(
            format!("Exercise started (seed {seed})"),
            format!("演练开始（种子 {seed}）"),
        ),
        EventKind::Sent { msg } => {
            let mm = m(*msg);
            let who = if mm.by_persona {
                pick(" (persona)".into(), "（电脑角色）".into())
            } else {
                String::new()
            };
            pick(
                format!("sent{who}: {}", msg_line(w, mm, viewer, lang)),
                format!("发送{who}：{}", msg_line(w, mm, viewer, lang)),
            )
        }
        EventKind::CallUnanswered { msg, p } => pick(
            format!(
                "call unanswered (p={p:.2}): {}",
                msg_line(w, m(*msg), viewer, lang)
            ),
            format!(
                "电话无人接听（概率 {p:.2}）：{}",
                msg_line(w, m(*msg), viewer, lang)
            ),
        ),
        EventKind::Lost { msg } => pick(
            format!("lost in transit: {}", msg_line(w, m(*msg), viewer, lang)),
            format!("传输中丢失：{}", msg_line(w, m(*msg), viewer, lang)),
        ),
        EventKind::Delivered { msg, translating } => {
            let tr = if *translating {
                pick(", awaiting translation".into(), "，等待翻译".into())
            } else {
                String::new()
            };
            pick(
                format!("delivered{tr}: {}", msg_line(w, m(*msg), viewer, lang)),
                format!("已送达{tr}：{}", msg_line(w, m(*msg), viewer, lang)),
            )
        }
        EventKind::Readable { msg } => pick(
            format!("read: {}", msg_line(w, m(*msg), viewer, lang)),
            format!("已阅读：{}", msg_line(w, m(*msg), viewer, lang)),
        ),
        EventKind::ReplyOverdue { msg } => pick(
            format!("reply overdue: {}", msg_line(w, m(*msg), viewer, lang)),
            format!("答复逾期：{}", msg_line(w, m(*msg), viewer, lang)),
        ),
        EventKind::AuthStarted { msg, method } => pick(
            format!("authenticating #{msg} by {method:?}"),
            format!("正在核实 #{msg}（{method:?}）"),
        ),
        EventKind::AuthResult { msg, verdict, .. } => match verdict {
            Verdict::Genuine => pick(
                format!("#{msg} confirmed genuine"),
                format!("#{msg} 确认为真"),
            ),
            Verdict::Spoof => pick(
                format!("#{msg} exposed as a SPOOF"),
                format!("#{msg} 被识破为伪造"),
            ),
        },
        EventKind::ChannelSuspended { channel, by } => pick(
            format!(
                "channel suspended: {} (by {})",
                w.s.channels[*channel].name.get(lang),
                by.map_or("scenario".into(), |t| team(w, t, lang))
            ),
            format!(
                "渠道暂停：{}（{}）",
                w.s.channels[*channel].name.get(lang),
                by.map_or("情景".into(), |t| team(w, t, lang))
            ),
        ),
        EventKind::ChannelRestored { channel, .. } => pick(
            format!(
                "channel restored: {}",
                w.s.channels[*channel].name.get(lang)
            ),
            format!("渠道恢复：{}", w.s.channels[*channel].name.get(lang)),
        ),
        EventKind::InjectFired { inject, msg } => {
            let title = w.s.injects[*inject].title.get(lang);
            match msg {
                Some(id) => pick(
                    format!(
                        "inject (spoof) {title}: {}",
                        msg_line(w, m(*id), viewer, lang)
                    ),
                    format!("注入（伪造）{title}：{}", msg_line(w, m(*id), viewer, lang)),
                ),
                None => pick(format!("inject: {title}"), format!("注入：{title}")),
            }
        }
        EventKind::InjectSkipped { inject } => pick(
            format!(
                "inject did not occur: {}",
                w.s.injects[*inject].title.get(lang)
            ),
            format!("注入未发生：{}", w.s.injects[*inject].title.get(lang)),
        ),
        EventKind::CustomInject { title, .. } => pick(
            format!("facilitator inject: {title}"),
            format!("导演注入：{title}"),
        ),
        EventKind::VarChanged { var, from, to } => format!(
            "{}: {from:.0} → {to:.0}",
            w.s.variables[*var].name.get(lang)
        ),
        EventKind::RungChanged { from, to } => {
            // Rung names usually carry their id ("L2 Public attribution").
            let r = |i: Ix| {
                let (id, name) = (&w.s.ladder.rungs[i].id, w.s.ladder.rungs[i].name.get(lang));
                if name.starts_with(id.as_str()) {
                    name.to_string()
                } else {
                    format!("{id} {name}")
                }
            };
            pick(
                format!("escalation ladder: {} → {}", r(*from), r(*to)),
                format!("升级阶梯：{} → {}", r(*from), r(*to)),
            )
        }
        EventKind::NormBroken { team: t, norm, .. } => pick(
            format!(
                "{} broke norm: {}",
                team(w, *t, lang),
                w.s.norms[*norm].text.get(lang)
            ),
            format!(
                "{} 违反规范：{}",
                team(w, *t, lang),
                w.s.norms[*norm].text.get(lang)
            ),
        ),
        EventKind::ExpectationMet { exp } => pick(
            format!("expectation met: {}", w.s.expectations[*exp].text.get(lang)),
            format!("达成预期：{}", w.s.expectations[*exp].text.get(lang)),
        ),
        EventKind::ExpectationMissed { exp } => pick(
            format!(
                "expectation missed: {}",
                w.s.expectations[*exp].text.get(lang)
            ),
            format!("未达预期：{}", w.s.expectations[*exp].text.get(lang)),
        ),
        EventKind::OutcomeReached { outcome } => pick(
            format!("OUTCOME: {}", w.s.outcomes[*outcome].title.get(lang)),
            format!("结局：{}", w.s.outcomes[*outcome].title.get(lang)),
        ),
        EventKind::Ended { outcome } => match outcome {
            Some(o) => pick(
                format!("exercise ended: {}", w.s.outcomes[*o].title.get(lang)),
                format!("演练结束：{}", w.s.outcomes[*o].title.get(lang)),
            ),
            None => pick(
                "exercise ended with no outcome".into(),
                "演练结束，无结局".into(),
            ),
        },
        EventKind::PersonaChose {
            team: t,
            persona,
            rule,
            offered,
            draw,
            choice,
        } => {
            let p = &w.s.personas[*persona];
            let r = &p.rules[*rule];
            let weights: Vec<String> = r
                .choices
                .iter()
                .enumerate()
                .filter(|(i, _)| offered & (1 << i) != 0)
                .map(|(i, c)| format!("#{i}={}", c.weight))
                .collect();
            pick(
                format!(
                    "{} ({}) rule `{}`: weights [{}], draw {draw:.3} → choice #{choice}",
                    team(w, *t, lang),
                    p.id,
                    r.id,
                    weights.join(" ")
                ),
                format!(
                    "{}（{}）规则 `{}`：权重 [{}]，抽样 {draw:.3} → 选项 #{choice}",
                    team(w, *t, lang),
                    p.id,
                    r.id,
                    weights.join(" ")
                ),
            )
        }
        EventKind::PersonaBlocked {
            team: t,
            persona,
            reason,
            ..
        } => pick(
            format!(
                "{} ({}) could not act: {reason}",
                team(w, *t, lang),
                w.s.personas[*persona].id
            ),
            format!(
                "{}（{}）无法行动：{reason}",
                team(w, *t, lang),
                w.s.personas[*persona].id
            ),
        ),
        EventKind::Action { action } => describe_action(action, lang),
    }
}

fn describe_action(a: &Action, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match a {
        Action::Pause => (if zh { "暂停" } else { "paused" }).into(),
        Action::Resume => (if zh { "继续" } else { "resumed" }).into(),
        Action::SetSpeed(s) => {
            if zh {
                format!("速度 {s}x")
            } else {
                format!("speed {s}x")
            }
        }
        Action::Note(n) => {
            if zh {
                format!("导演笔记：{n}")
            } else {
                format!("facilitator note: {n}")
            }
        }
        Action::Override { var, value } => {
            if zh {
                format!("导演修改 {var} = {value}")
            } else {
                format!("facilitator set {var} = {value}")
            }
        }
        Action::SetPersona { team, persona } => match persona {
            Some(p) => {
                if zh {
                    format!("{team} 由电脑角色 {p} 扮演")
                } else {
                    format!("{team} handed to persona {p}")
                }
            }
            None => {
                if zh {
                    format!("{team} 由玩家扮演")
                } else {
                    format!("{team} played by people")
                }
            }
        },
        Action::End => (if zh {
            "导演结束演练"
        } else {
            "facilitator ended the exercise"
        })
        .into(),
        other => format!("{other:?}"),
    }
}
