//! Forcing a field's value in every persona message of a type, for
//! balancing: "does sharing the full sample rather than indicators move the
//! Good share?" is answered by simulating once with each value forced.

use super::world::World;
use crate::scenario::PersonaAct;
use crate::scenario::fields::misvalue;

/// One `TYPE.FIELD=VALUE` to force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Force {
    pub msg: String,
    pub field: String,
    pub value: String,
}

impl std::str::FromStr for Force {
    type Err = String;

    fn from_str(s: &str) -> Result<Force, String> {
        let bad = || format!("`{s}`: write TYPE.FIELD=VALUE");
        let (path, value) = s.split_once('=').ok_or_else(bad)?;
        let (msg, field) = path.split_once('.').ok_or_else(bad)?;
        if msg.is_empty() || field.is_empty() {
            return Err(bad());
        }
        Ok(Force {
            msg: msg.into(),
            field: field.into(),
            value: value.trim().into(),
        })
    }
}

/// A copy of `w` in which every persona act sending `f.msg` carries
/// `f.value` in `f.field`; an error names what does not exist or fit, and
/// how many acts were changed is returned so that forcing a type no persona
/// sends is visible.
pub fn force(w: &World, f: &Force) -> Result<(World, usize), String> {
    let def = (w.scenario.messages.iter())
        .find(|m| m.id == f.msg)
        .ok_or_else(|| format!("unknown message type `{}`", f.msg))?;
    let field = (def.fields.iter())
        .find(|x| x.id == f.field)
        .ok_or_else(|| {
            let ids: Vec<&str> = def.fields.iter().map(|x| x.id.as_str()).collect();
            format!(
                "message type `{}` has no field `{}` (it has: {})",
                f.msg,
                f.field,
                ids.join(", ")
            )
        })?;
    if f.value.is_empty() {
        return Err(format!("`{}.{}`: the value is empty", f.msg, f.field));
    }
    if let Some(why) = misvalue(&field.kind, &f.value) {
        return Err(format!("`{}.{}`: {why}", f.msg, f.field));
    }
    let mut out = w.clone();
    let mut changed = 0;
    let acts = (out.scenario.personas.iter_mut())
        .flat_map(|p| p.rules.iter_mut())
        .flat_map(|r| r.choices.iter_mut())
        .map(|c| &mut c.act);
    for act in acts {
        if let PersonaAct::Send { msg, fields, .. } = act
            && *msg == f.msg
        {
            fields.insert(f.field.clone(), f.value.clone());
            changed += 1;
        }
    }
    out.recompile_persona_sends();
    Ok((out, changed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::open::open;

    fn world() -> World {
        let p = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
        (*open(std::path::Path::new(p)).expect("opens").world).clone()
    }

    fn choice_field(w: &World) -> (String, String, Vec<String>) {
        for m in &w.scenario.messages {
            for f in &m.fields {
                if let crate::scenario::FieldKind::Choice(opts) = &f.kind {
                    return (m.id.clone(), f.id.clone(), opts.clone());
                }
            }
        }
        panic!("the scenario has a Choice field");
    }

    /// Wrong Target, and its first Choice field forced to its last option.
    fn forcing_last_option() -> (World, Force) {
        let w = world();
        let (msg, field, opts) = choice_field(&w);
        let value = opts.last().expect("options").clone();
        (w, Force { msg, field, value })
    }

    #[test]
    fn a_forced_value_reaches_every_persona_act_of_that_type() {
        let (w, f) = forcing_last_option();
        let (msg, field, value) = (f.msg.clone(), f.field.clone(), f.value.clone());
        let (forced, _) = force(&w, &f).expect("fits");
        for p in &forced.scenario.personas {
            for c in p.rules.iter().flat_map(|r| &r.choices) {
                if let PersonaAct::Send { msg: m, fields, .. } = &c.act
                    && *m == msg
                {
                    assert_eq!(fields.get(&field), Some(&value));
                }
            }
        }
    }

    #[test]
    fn personas_send_the_forced_value_in_play() {
        let (w, f) = forcing_last_option();
        let (msg, field, value) = (f.msg.clone(), f.field.clone(), f.value.clone());
        let (forced, changed) = force(&w, &f).expect("fits");
        assert!(changed > 0, "some persona sends `{msg}`");
        let forced = std::sync::Arc::new(forced);
        let mt = forced.ids.messages[&msg];
        let cfg = crate::sim::montecarlo::Config {
            runs: 1,
            seed: 1,
            threads: 1,
            fixed: Default::default(),
        };
        let sent: Vec<_> = (0..200)
            .flat_map(|i| {
                crate::sim::montecarlo::play(&forced, &cfg, i)
                    .state()
                    .messages
                    .clone()
            })
            .filter(|m| m.by_persona && m.mtype == mt)
            .collect();
        assert!(!sent.is_empty(), "a persona sent `{msg}` in 200 runs");
        for m in sent {
            assert_eq!(m.fields.get(&field), Some(&value));
        }
    }

    #[test]
    fn a_value_outside_the_choices_or_an_unknown_field_is_refused() {
        let w = world();
        let (msg, field, _) = choice_field(&w);
        let off: Force = format!("{msg}.{field}=no-such-value")
            .parse()
            .expect("parses");
        assert!(force(&w, &off).unwrap_err().contains("not one of"));
        let unknown: Force = format!("{msg}.nope=x").parse().expect("parses");
        assert!(force(&w, &unknown).unwrap_err().contains("has no field"));
        assert!("no-dot=x".parse::<Force>().is_err());
    }
}
