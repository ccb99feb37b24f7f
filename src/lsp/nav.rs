//! Where each id is declared and referred to, from the same tables the
//! checker uses (`ids::declared` and the checker's walk), located through
//! `Spans`: go to definition, find references and id completion.

use crate::scenario::check::walk::{Kind, Visit, walk};
use crate::scenario::diag::Pos;
use crate::scenario::ids::{IdKind, declared};
use crate::scenario::model::Scenario;
use crate::scenario::spans::Spans;

/// One occurrence of an id in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub kind: IdKind,
    pub id: String,
    pub start: Pos,
    pub end: Pos,
    pub declaration: bool,
}

struct Refs(Vec<(Kind, String, String)>);

impl<'a> Visit<'a> for Refs {
    fn reference(&mut self, kind: Kind, id: &'a str, path: &str) {
        self.0.push((kind, id.to_string(), path.to_string()));
    }
}

/// Every declaration and reference the file has, in no particular order.
pub fn sites(s: &Scenario, spans: &Spans) -> Vec<Site> {
    let mut out = Vec::new();
    for kind in IdKind::ALL {
        for d in declared(s, kind) {
            if let Some((start, end)) = spans.span(&d.path) {
                out.push(Site {
                    kind,
                    id: d.id.to_string(),
                    start,
                    end,
                    declaration: true,
                });
            }
        }
    }
    let mut refs = Refs(Vec::new());
    walk(s, &mut refs);
    let is_team = |id: &str| s.teams.iter().any(|t| t.id == id);
    for (kind, id, path) in refs.0 {
        let kind = match kind {
            Kind::Team | Kind::Endpoint => IdKind::Team,
            Kind::Sender if is_team(&id) => IdKind::Team,
            Kind::Sender => IdKind::Actor,
            Kind::Channel => IdKind::Channel,
            Kind::Message => IdKind::Message,
            Kind::Variable => IdKind::Variable,
            Kind::Inject => IdKind::Inject,
            Kind::Outcome => IdKind::Outcome,
            Kind::Expectation => IdKind::Expectation,
            Kind::Norm => IdKind::Norm,
            Kind::Rung => IdKind::Rung,
            Kind::Objective => IdKind::Objective,
            Kind::Truth => IdKind::Truth,
            Kind::Module => IdKind::Module,
        };
        if let Some((start, end)) = spans.span(&path) {
            out.push(Site {
                kind,
                id,
                start,
                end,
                declaration: false,
            });
        }
    }
    out
}

/// The site under a position (its end is exclusive, but a cursor just
/// after the closing quote still counts).
pub fn at(sites: &[Site], p: Pos) -> Option<&Site> {
    sites.iter().find(|s| s.start <= p && p <= s.end)
}

/// The declaration of the id a site names.
pub fn definition<'s>(sites: &'s [Site], of: &Site) -> Option<&'s Site> {
    sites
        .iter()
        .filter(|s| s.declaration && s.kind == of.kind && s.id == of.id)
        .min_by_key(|s| s.start)
}

/// Every site naming the same id, in file order.
pub fn references<'s>(sites: &'s [Site], of: &Site, with_declaration: bool) -> Vec<&'s Site> {
    let mut v: Vec<&Site> = sites
        .iter()
        .filter(|s| s.kind == of.kind && s.id == of.id && (with_declaration || !s.declaration))
        .collect();
    v.sort_by_key(|s| s.start);
    v.dedup_by_key(|s| s.start);
    v
}

/// Which kind of id a string holds, from the field it is written in
/// (`msg: ".."`) or, for positional contents, the variant around it
/// (`Received("..")`).
pub fn kind_for(field: Option<&str>, variant: Option<&str>) -> Option<IdKind> {
    Some(match (field, variant) {
        (Some("msg" | "to" | "reply" | "types"), _) => IdKind::Message,
        (Some("channel" | "channels"), _) => IdKind::Channel,
        (Some("team" | "by" | "as_team" | "endpoints" | "suspendable_by"), _) => IdKind::Team,
        (Some("from"), _) => IdKind::Actor,
        (Some("variable"), _) => IdKind::Variable,
        (Some("breaks" | "norm"), _) => IdKind::Norm,
        (Some("objective"), _) => IdKind::Objective,
        (None, Some("Team")) => IdKind::Team,
        (None, Some("Received")) => IdKind::Message,
        (None, Some("Fired")) => IdKind::Inject,
        (None, Some("Channel" | "Suspend" | "Restore")) => IdKind::Channel,
        (None, Some("RungAtLeast")) => IdKind::Rung,
        (None, Some("Reached")) => IdKind::Outcome,
        (None, Some("Truth")) => IdKind::Truth,
        (None, Some("Met" | "Missed")) => IdKind::Expectation,
        (None, Some("Var" | "Add" | "Set")) => IdKind::Variable,
        _ => return None,
    })
}
