//! Idle costs nothing. bevy_egui 0.42 feeds egui a `ModifiersChanged`
//! event on every frame, even when the modifiers did not change; egui
//! treats any input event as a reason to repaint at once, and bevy_egui
//! then requests another frame: the window never sleeps. Dropping the
//! events that repeat the current modifiers restores reactive updates.

use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_repeated_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

pub fn dedup_modifiers(events: &mut Vec<egui::Event>, last: &mut egui::Modifiers) {
    events.retain(|e| match e {
        egui::Event::ModifiersChanged(m) if m == last => false,
        egui::Event::ModifiersChanged(m) => {
            *last = *m;
            true
        }
        _ => true,
    });
}

fn drop_repeated_modifiers(mut inputs: Query<&mut EguiInput>, mut last: Local<egui::Modifiers>) {
    for mut input in &mut inputs {
        dedup_modifiers(&mut input.0.events, &mut last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_modifier_changes_get_through() {
        let mut last = egui::Modifiers::NONE;
        let mut ev = vec![egui::Event::ModifiersChanged(egui::Modifiers::NONE)];
        dedup_modifiers(&mut ev, &mut last);
        assert!(ev.is_empty());
        let mut ev = vec![egui::Event::ModifiersChanged(egui::Modifiers::SHIFT)];
        dedup_modifiers(&mut ev, &mut last);
        assert_eq!(ev.len(), 1);
        assert_eq!(last, egui::Modifiers::SHIFT);
    }
}
