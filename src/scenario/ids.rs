//! The kinds of id a scenario declares and where each is declared: the one
//! table the checker (which reports unknown and duplicate ids) and the
//! engine (which turns ids into indices) both read, so they cannot disagree
//! about which ids exist.

use std::collections::HashMap;

use super::model::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdKind {
    Team,
    Actor,
    Variable,
    Rung,
    Channel,
    Message,
    Norm,
    Inject,
    Expectation,
    Outcome,
    Persona,
    /// Declared inside teams, but criteria name them without their team,
    /// so they are unique scenario-wide.
    Objective,
    Truth,
    Module,
}

/// One declaration of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared<'a> {
    pub id: &'a str,
    /// Its position among the declarations of its kind, in file order.
    pub index: usize,
    /// Where it is written, as a `Spans` path (`ladder.rungs[2].id`).
    pub path: String,
}

impl IdKind {
    pub const ALL: [IdKind; 14] = [
        IdKind::Team,
        IdKind::Actor,
        IdKind::Variable,
        IdKind::Rung,
        IdKind::Channel,
        IdKind::Message,
        IdKind::Norm,
        IdKind::Inject,
        IdKind::Expectation,
        IdKind::Outcome,
        IdKind::Persona,
        IdKind::Objective,
        IdKind::Truth,
        IdKind::Module,
    ];

    /// What diagnostics call an id of this kind.
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Team => "team",
            IdKind::Actor => "actor",
            IdKind::Variable => "variable",
            IdKind::Rung => "rung",
            IdKind::Channel => "channel",
            IdKind::Message => "message type",
            IdKind::Norm => "norm",
            IdKind::Inject => "inject",
            IdKind::Expectation => "expectation",
            IdKind::Outcome => "outcome",
            IdKind::Persona => "persona",
            IdKind::Objective => "objective",
            IdKind::Truth => "truth",
            IdKind::Module => "module",
        }
    }

    /// The list this kind is declared in (objectives: in each team's).
    pub fn section(self) -> &'static str {
        match self {
            IdKind::Team => "teams",
            IdKind::Actor => "actors",
            IdKind::Variable => "variables",
            IdKind::Rung => "ladder.rungs",
            IdKind::Channel => "channels",
            IdKind::Message => "messages",
            IdKind::Norm => "norms",
            IdKind::Inject => "injects",
            IdKind::Expectation => "expectations",
            IdKind::Outcome => "outcomes",
            IdKind::Persona => "personas",
            IdKind::Objective => "objectives",
            IdKind::Truth => "truths",
            IdKind::Module => "modules",
        }
    }
}

/// Every declaration of one kind, in file order, duplicates included.
pub fn declared(s: &Scenario, kind: IdKind) -> Vec<Declared<'_>> {
    fn ids<T>(kind: IdKind, items: &[T], id: impl Fn(&T) -> &str) -> Vec<Declared<'_>> {
        let section = kind.section();
        items
            .iter()
            .enumerate()
            .map(|(index, x)| Declared {
                id: id(x),
                index,
                path: format!("{section}[{index}].id"),
            })
            .collect()
    }
    match kind {
        IdKind::Team => ids(kind, &s.teams, |x| &x.id),
        IdKind::Actor => ids(kind, &s.actors, |x| &x.id),
        IdKind::Variable => ids(kind, &s.variables, |x| &x.id),
        IdKind::Rung => ids(kind, &s.ladder.rungs, |x| &x.id),
        IdKind::Channel => ids(kind, &s.channels, |x| &x.id),
        IdKind::Message => ids(kind, &s.messages, |x| &x.id),
        IdKind::Norm => ids(kind, &s.norms, |x| &x.id),
        IdKind::Inject => ids(kind, &s.injects, |x| &x.id),
        IdKind::Expectation => ids(kind, &s.expectations, |x| &x.id),
        IdKind::Outcome => ids(kind, &s.outcomes, |x| &x.id),
        IdKind::Persona => ids(kind, &s.personas, |x| &x.id),
        IdKind::Truth => ids(kind, &s.truths, |x| &x.id),
        IdKind::Module => ids(kind, &s.modules, |x| &x.id),
        IdKind::Objective => s
            .teams
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.objectives.iter().enumerate().map(move |(j, o)| (i, j, o)))
            .enumerate()
            .map(|(index, (i, j, o))| Declared {
                id: &o.id,
                index,
                path: format!("teams[{i}].objectives[{j}].id"),
            })
            .collect(),
    }
}

/// Id to index for one kind. The first declaration wins, as in the
/// checker's lookups; a duplicate is an error there anyway.
pub fn index(s: &Scenario, kind: IdKind) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for d in declared(s, kind) {
        map.entry(d.id.to_string()).or_insert(d.index);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drill() -> Scenario {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/wrong-target.ron");
        crate::scenario::load_file(path.as_ref())
            .expect("bundled scenario loads")
            .scenario
            .into_inner()
    }

    #[test]
    fn rungs_are_declared_under_the_ladder_with_their_position() {
        let s = drill();
        let rungs = declared(&s, IdKind::Rung);
        assert_eq!(rungs.len(), s.ladder.rungs.len());
        assert_eq!(rungs[1].path, "ladder.rungs[1].id");
        assert_eq!(rungs[1].id, s.ladder.rungs[1].id);
    }

    #[test]
    fn objectives_are_counted_across_teams_but_located_in_their_team() {
        let s = drill();
        let objs = declared(&s, IdKind::Objective);
        let total: usize = s.teams.iter().map(|t| t.objectives.len()).sum();
        assert_eq!(objs.len(), total);
        assert!(objs.iter().enumerate().all(|(i, d)| d.index == i));
        // The second team's first objective comes after all of the first's.
        let second = &objs[s.teams[0].objectives.len()];
        assert_eq!(second.path, "teams[1].objectives[0].id");
        assert_eq!(second.id, s.teams[1].objectives[0].id);
    }

    #[test]
    fn the_first_of_two_equal_ids_is_the_one_indexed() {
        let mut s = drill();
        let first = s.channels[0].id.clone();
        s.channels[1].id = first.clone();
        assert_eq!(index(&s, IdKind::Channel)[&first], 0);
    }
}
