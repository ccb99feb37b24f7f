//! What the engine has promised to do, soonest first.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Due;

/// A priority queue of due items by minute, ties in the order they were
/// scheduled. The heap holds only (minute, order, slot) and the items wait
/// in `slots`: a run pops its heap dozens of times, and moving 16-byte
/// entries instead of whole items roughly halves the cost of each pop.
#[derive(Clone, Default)]
pub(super) struct Agenda {
    heap: BinaryHeap<Reverse<(u32, u64, u32)>>,
    slots: Vec<Due>,
    /// Slots whose item was popped, for reuse.
    free: Vec<u32>,
    /// How many items were ever scheduled: each one's place among ties.
    seq: u64,
}

impl Agenda {
    /// Room for `n` items before the first regrowth (timed injects,
    /// deadlines, wakeups, persona ticks and messages in flight).
    pub(super) fn with_capacity(n: usize) -> Agenda {
        Agenda {
            heap: BinaryHeap::with_capacity(n),
            slots: Vec::with_capacity(n),
            free: Vec::with_capacity(n),
            seq: 0,
        }
    }

    /// An empty agenda that keeps counting from `other`'s order.
    pub(super) fn continuing(other: &Agenda) -> Agenda {
        Agenda {
            seq: other.seq,
            ..Agenda::default()
        }
    }

    pub(super) fn push(&mut self, t: u32, due: Due) {
        self.seq += 1;
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = due;
                s
            }
            None => {
                self.slots.push(due);
                (self.slots.len() - 1) as u32
            }
        };
        self.heap.push(Reverse((t, self.seq, slot)));
    }

    /// The minute of the soonest item.
    pub(super) fn next_time(&self) -> Option<u32> {
        self.heap.peek().map(|Reverse((t, _, _))| *t)
    }

    /// The soonest item and its minute.
    pub(super) fn pop(&mut self) -> Option<(u32, Due)> {
        let Reverse((t, _, slot)) = self.heap.pop()?;
        self.free.push(slot);
        Some((t, self.slots[slot as usize]))
    }
}
