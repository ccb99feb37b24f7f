//! Persona-vs-persona Monte Carlo for balancing scenarios.
//!
//! Run `i` always gets the seed `derive_seed(base, i)`, and per-thread
//! tallies are sums, so the result for a seed does not depend on the number
//! of threads. Memory is flat in the number of runs: nothing per run is
//! kept after it is counted.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::engine::Engine;
use super::event::EventKind;
use super::rng::{Rng, derive_seed};
use super::state::{ExpStatus, InjectState};
use super::world::{Ix, World};

#[derive(Debug, Clone)]
pub struct Config {
    pub runs: u64,
    pub seed: u64,
    pub threads: usize,
    /// Personas fixed per team; other teams draw one of theirs per run.
    pub fixed: BTreeMap<Ix, Ix>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    pub runs: u64,
    /// Per outcome, plus one last slot for "no outcome".
    pub outcomes: Vec<u64>,
    pub peak_rungs: Vec<u64>,
    /// Runs ending in each hour of the exercise.
    pub end_hours: Vec<u64>,
    pub end_minutes_sum: u64,
    pub exp_met: Vec<u64>,
    pub exp_missed: Vec<u64>,
    pub injects_fired: Vec<u64>,
    pub sent: Vec<u64>,
    /// Per persona, per rule: how often the rule chose something.
    pub rules_chosen: Vec<Vec<u64>>,
    pub events: u64,
    /// Outcome counts per persona pairing (one persona id per team, "-"
    /// for a team no persona plays).
    pub pairings: BTreeMap<String, Vec<u64>>,
    /// Outcome counts per hidden truth (truth id), for scenarios with
    /// truths: whether restraint or attribution was right depends on it.
    pub truths: BTreeMap<String, Vec<u64>>,
}

impl Tally {
    fn new(w: &World) -> Tally {
        Tally {
            runs: 0,
            outcomes: vec![0; w.scenario.outcomes.len() + 1],
            peak_rungs: vec![0; w.scenario.ladder.rungs.len()],
            end_hours: vec![0; (w.duration / 60 + 1) as usize],
            end_minutes_sum: 0,
            exp_met: vec![0; w.scenario.expectations.len()],
            exp_missed: vec![0; w.scenario.expectations.len()],
            injects_fired: vec![0; w.scenario.injects.len()],
            sent: vec![0; w.scenario.messages.len()],
            rules_chosen: w
                .scenario
                .personas
                .iter()
                .map(|p| vec![0; p.rules.len()])
                .collect(),
            events: 0,
            pairings: BTreeMap::new(),
            truths: BTreeMap::new(),
        }
    }

    fn merge(&mut self, o: &Tally) {
        fn add(a: &mut [u64], b: &[u64]) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        self.runs += o.runs;
        add(&mut self.outcomes, &o.outcomes);
        add(&mut self.peak_rungs, &o.peak_rungs);
        add(&mut self.end_hours, &o.end_hours);
        self.end_minutes_sum += o.end_minutes_sum;
        add(&mut self.exp_met, &o.exp_met);
        add(&mut self.exp_missed, &o.exp_missed);
        add(&mut self.injects_fired, &o.injects_fired);
        add(&mut self.sent, &o.sent);
        for (a, b) in self.rules_chosen.iter_mut().zip(&o.rules_chosen) {
            add(a, b);
        }
        self.events += o.events;
        for (mine, theirs) in [
            (&mut self.pairings, &o.pairings),
            (&mut self.truths, &o.truths),
        ] {
            for (k, v) in theirs {
                add(mine.entry(k.clone()).or_insert_with(|| vec![0; v.len()]), v);
            }
        }
    }
}

/// The personas of each team in a run: fixed ones, else drawn from a
/// stream separate from the engine's so that fixing one team's persona does
/// not change the other team's draws.
pub fn pick_personas(w: &World, cfg: &Config, run_seed: u64) -> Vec<Option<Ix>> {
    let mut rng = Rng::new(derive_seed(run_seed, 0x5045_5253));
    (0..w.team_count())
        .map(|t| {
            let mine = || (0..w.personas.len()).filter(move |&p| w.personas[p].team == t);
            let draw = rng.unit();
            if let Some(&p) = cfg.fixed.get(&t) {
                return Some(p);
            }
            let n = mine().count();
            if n == 0 {
                return None;
            }
            mine().nth(((draw * n as f64) as usize).min(n - 1))
        })
        .collect()
}

/// One full playthrough.
pub fn play(w: &Arc<World>, cfg: &Config, i: u64) -> Engine {
    let seed = derive_seed(cfg.seed, i);
    let mut e = Engine::new(w.clone(), seed);
    hand_over_and_run(&mut e, &pick_personas(w, cfg, seed));
    e
}

/// Playthrough `i` in `e`, started over: what `play` does, in an engine's
/// memory instead of a new one's. Returns each team's persona.
pub fn play_in(e: &mut Engine, cfg: &Config, i: u64) -> Vec<Option<Ix>> {
    let seed = derive_seed(cfg.seed, i);
    e.restart(seed, None);
    let personas = pick_personas(e.world(), cfg, seed);
    hand_over_and_run(e, &personas);
    personas
}

fn hand_over_and_run(e: &mut Engine, personas: &[Option<Ix>]) {
    for (t, p) in personas.iter().enumerate() {
        if let Some(p) = *p {
            // `Action::SetPersona` without the dry run (a team's own
            // persona is refused only if the exercise already ended, before
            // anything changed) or the id lookups.
            e.hand_to_persona(t, p)
                .expect("a team's own persona is always accepted");
        }
    }
    e.run_to_end();
}

fn count(t: &mut Tally, by: &mut ByIndex, w: &World, e: &Engine, personas: &[Option<Ix>]) {
    let st = e.state();
    t.runs += 1;
    let o = st.outcome.unwrap_or(w.scenario.outcomes.len());
    t.outcomes[o] += 1;
    t.peak_rungs[st.peak_rung] += 1;
    let end = st.ended_at.unwrap_or(w.duration);
    t.end_hours[(end / 60) as usize] += 1;
    t.end_minutes_sum += end as u64;
    for (i, x) in st.exps.iter().enumerate() {
        match x.status {
            ExpStatus::Met => t.exp_met[i] += 1,
            ExpStatus::Missed => t.exp_missed[i] += 1,
            _ => {}
        }
    }
    for (i, x) in st.injects.iter().enumerate() {
        if matches!(x, InjectState::Fired(_)) {
            t.injects_fired[i] += 1;
        }
    }
    let n = w.messages.len();
    for (i, c) in st.sent.iter().enumerate() {
        t.sent[i % n] += *c as u64;
    }
    for ev in e.events() {
        if let EventKind::PersonaChose { persona, rule, .. } = ev.kind {
            t.rules_chosen[persona][rule] += 1;
        }
    }
    t.events += e.events().len() as u64;
    let outcome_slots = || vec![0; w.scenario.outcomes.len() + 1];
    match by.pairings.get_mut(personas) {
        Some(slot) => slot[o] += 1,
        None => {
            let mut slot = outcome_slots();
            slot[o] += 1;
            by.pairings.insert(personas.to_vec(), slot);
        }
    }
    if let Some(tr) = st.truth {
        by.truths
            .resize_with(w.scenario.truths.len(), outcome_slots);
        by.truths[tr][o] += 1;
    }
}

/// Outcome counts per persona pairing and per truth, kept by index while
/// runs are counted and named once at the end: naming them in every run
/// cost an allocation and string comparisons a run.
#[derive(Default)]
struct ByIndex {
    pairings: BTreeMap<Vec<Option<Ix>>, Vec<u64>>,
    truths: Vec<Vec<u64>>,
}

impl ByIndex {
    fn name_into(self, t: &mut Tally, w: &World) {
        for (personas, counts) in self.pairings {
            let key: Vec<&str> = (personas.iter())
                .map(|p| p.map_or("-", |p| w.scenario.personas[p].id.as_str()))
                .collect();
            t.pairings.insert(key.join(" vs "), counts);
        }
        for (tr, counts) in self.truths.into_iter().enumerate() {
            if counts.iter().any(|&c| c > 0) {
                t.truths.insert(w.scenario.truths[tr].id.clone(), counts);
            }
        }
    }
}

/// Runs `cfg.runs` playthroughs on `cfg.threads` threads; `progress` counts
/// finished runs for a progress bar.
pub fn simulate(w: &Arc<World>, cfg: &Config, progress: &AtomicU64) -> Tally {
    let threads = cfg.threads.max(1);
    // Runs k, k + threads, k + 2 threads, ...
    let share = |k: usize, w: &Arc<World>| {
        let mut t = Tally::new(w);
        let mut by = ByIndex::default();
        let mut e = Engine::new(w.clone(), 0);
        let mut i = k as u64;
        let mut unreported = 0;
        while i < cfg.runs {
            let personas = play_in(&mut e, cfg, i);
            count(&mut t, &mut by, w, &e, &personas);
            // Reported in batches: a shared counter bumped by every run
            // of every thread bounces its cache line between the cores.
            unreported += 1;
            if unreported == 64 {
                progress.fetch_add(unreported, Ordering::Relaxed);
                unreported = 0;
            }
            i += threads as u64;
        }
        progress.fetch_add(unreported, Ordering::Relaxed);
        by.name_into(&mut t, w);
        t
    };
    // One thread runs here: a browser page cannot start any.
    if threads == 1 {
        return share(0, w);
    }
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|k| s.spawn(move || share(k, w))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("simulation thread"))
            .collect()
    });
    let mut total = Tally::new(w);
    for t in &tallies {
        total.merge(t);
    }
    total
}

/// Wilson score interval at 95%: sound for proportions near 0 or 1, where
/// the normal approximation is not.
pub fn wilson(k: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.96f64);
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The median hour in which runs ended.
pub fn median_end_hour(t: &Tally) -> Option<usize> {
    if t.runs == 0 {
        return None;
    }
    let half = t.runs.div_ceil(2);
    let mut acc = 0;
    t.end_hours.iter().position(|c| {
        acc += c;
        acc >= half
    })
}
