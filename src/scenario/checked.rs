//! A scenario that has passed the semantic checks.

use std::ops::Deref;

use super::model::Scenario;

/// A scenario whose checks found no error. Only loading
/// ([`super::load_str`]) makes one, so whoever holds it may rely on what
/// the checks guarantee: every id is declared once and every reference
/// names a declared id of its kind ([`super::ids`]), and the ladder has
/// rungs. The engine compiles it without a failure case for that reason.
#[derive(Debug, Clone)]
pub struct Checked(Scenario);

impl Checked {
    /// Only for the loader, after `check` reported no error.
    pub(super) fn new(s: Scenario) -> Checked {
        Checked(s)
    }

    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl Deref for Checked {
    type Target = Scenario;

    fn deref(&self) -> &Scenario {
        &self.0
    }
}
