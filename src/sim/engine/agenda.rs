//! What the engine has promised to do, soonest first.

use super::Due;

/// A queue of due items by minute, ties in the order they were scheduled.
///
/// A vector sorted latest first: the soonest item comes off the end, and a
/// new item, usually due soon, goes in near the end, moving only the few
/// items due before it. A run holds a few dozen items, and a binary heap
/// cost more: every pop sifted through its whole depth on comparisons the
/// processor could not predict (13% of a playthrough).
#[derive(Clone, Default)]
pub(super) struct Agenda {
    items: Vec<(u32, Due)>,
}

impl Agenda {
    /// Room for `n` items before the first regrowth (timed injects,
    /// deadlines, wakeups, persona ticks and messages in flight).
    pub(super) fn with_capacity(n: usize) -> Agenda {
        Agenda {
            items: Vec::with_capacity(n),
        }
    }

    pub(super) fn push(&mut self, t: u32, due: Due) {
        // Before the items due at the same minute: they were scheduled
        // earlier, so they come off the end first.
        let at = self.items.partition_point(|&(due_t, _)| due_t > t);
        self.items.insert(at, (t, due));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Becomes a copy of `other`, in its own memory.
    pub(super) fn copy_from(&mut self, other: &Agenda) {
        self.items.clear();
        self.items.extend_from_slice(&other.items);
    }

    /// The minute of the soonest item.
    pub(super) fn next_time(&self) -> Option<u32> {
        self.items.last().map(|&(t, _)| t)
    }

    /// The soonest item and its minute.
    pub(super) fn pop(&mut self) -> Option<(u32, Due)> {
        self.items.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_out_soonest_first_and_ties_in_the_order_they_were_scheduled() {
        let mut a = Agenda::default();
        let order = [(30, 0), (10, 1), (30, 2), (20, 3), (10, 4), (30, 5), (0, 6)];
        for (t, i) in order {
            a.push(t, Due::Inject(i));
        }
        let mut out = Vec::new();
        while let Some((t, Due::Inject(i))) = a.pop() {
            out.push((t, i));
        }
        let mut want = order.to_vec();
        // A stable sort keeps equal minutes in the order pushed.
        want.sort_by_key(|&(t, _)| t);
        assert_eq!(out, want);
    }
}
