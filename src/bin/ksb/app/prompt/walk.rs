//! Which KSB to ask next: a cursor over the standard's KSBs, apart from any terminal.

/// Which KSBs a walk visits when moving on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Only those still unscored: resuming goes straight to the work left.
    Unscored,
    /// Every KSB, each offering its current score (`--all`).
    All,
}

/// The position of a walk over a sheet's KSBs (indexes in the standard's order).
///
/// Moving on goes to the next KSB in scope not yet left behind, going round to the start
/// after the last (so a jump with `g` does not end the walk early); going back goes to the one
/// just before, scored or not, so an answer can always be changed. A KSB moved on from (skipped
/// or answered) is not asked again in this walk unless gone back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    scope: Scope,
    at: usize,
    len: usize,
    /// KSBs moved on from in this walk.
    left_behind: Vec<bool>,
}

impl Walk {
    /// A walk over `scored.len()` KSBs (`scored[i]`: whether KSB `i` has a score), starting
    /// at the first KSB in scope; already done when nothing is in scope.
    pub fn start(scope: Scope, scored: &[bool]) -> Walk {
        let mut walk = Walk {
            scope,
            at: 0,
            len: scored.len(),
            left_behind: vec![false; scored.len()],
        };
        walk.at = walk.first_in_scope(0, scored);
        walk
    }

    /// The index of the KSB to ask now, or `None` when the walk is done.
    pub fn current(&self) -> Option<usize> {
        (self.at < self.len).then_some(self.at)
    }

    /// Moves on to the next KSB in scope, after the current one.
    pub fn next(&mut self, scored: &[bool]) {
        if let Some(left) = self.left_behind.get_mut(self.at) {
            *left = true;
        }
        self.at = self.first_in_scope(self.at + 1, scored);
    }

    /// Goes back one KSB; `false` (and no move) when already at the first.
    pub fn back(&mut self) -> bool {
        if self.at == 0 || self.len == 0 {
            return false;
        }
        self.at = self.at.min(self.len) - 1;
        true
    }

    /// Goes straight to KSB `index` (`g K8`), scored or not; moving on from there continues
    /// in scope after it. `false` (and no move) when there is no such KSB.
    pub fn go(&mut self, index: usize) -> bool {
        if index >= self.len {
            return false;
        }
        self.at = index;
        true
    }

    /// The first KSB in scope not left behind, from `from` to the end and then from the start.
    fn first_in_scope(&self, from: usize, scored: &[bool]) -> usize {
        let wanted = |i: usize| {
            !self.left_behind[i]
                && match self.scope {
                    Scope::All => true,
                    Scope::Unscored => !scored.get(i).copied().unwrap_or(false),
                }
        };
        let from = from.min(self.len);
        (from..self.len)
            .chain(0..from)
            .find(|&i| wanted(i))
            .unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_sheet_starts_at_the_first_ksb_and_ends_after_the_last() {
        let mut scored = vec![false; 3];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        for i in 0..3 {
            assert_eq!(walk.current(), Some(i));
            scored[i] = true;
            walk.next(&scored);
        }
        assert_eq!(walk.current(), None);
    }

    #[test]
    fn resuming_starts_at_the_first_unscored_and_passes_scored_ones() {
        let scored = [true, true, false, true, false];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        assert_eq!(walk.current(), Some(2));
        walk.next(&scored);
        assert_eq!(walk.current(), Some(4));
        walk.next(&scored);
        assert_eq!(walk.current(), None);
    }

    #[test]
    fn a_fully_scored_sheet_is_done_unless_walking_all() {
        let scored = [true; 4];
        assert_eq!(Walk::start(Scope::Unscored, &scored).current(), None);
        let mut walk = Walk::start(Scope::All, &scored);
        assert_eq!(walk.current(), Some(0));
        walk.next(&scored);
        assert_eq!(walk.current(), Some(1));
    }

    #[test]
    fn back_goes_to_the_ksb_before_even_when_scored() {
        let mut scored = [true, true, false, false];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        assert_eq!(walk.current(), Some(2));
        assert!(walk.back());
        assert_eq!(walk.current(), Some(1));
        scored[1] = true;
        walk.next(&scored);
        assert_eq!(walk.current(), Some(2));
    }

    #[test]
    fn back_stops_at_the_first_ksb() {
        let scored = [false, false];
        let mut walk = Walk::start(Scope::All, &scored);
        assert!(!walk.back());
        assert_eq!(walk.current(), Some(0));
    }

    #[test]
    fn a_skipped_ksb_stays_behind_until_the_next_run() {
        let scored = [false, false];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        walk.next(&scored);
        assert_eq!(walk.current(), Some(1));
        walk.next(&scored);
        assert_eq!(walk.current(), None);
        assert_eq!(Walk::start(Scope::Unscored, &scored).current(), Some(0));
    }

    #[test]
    fn go_jumps_to_any_ksb_and_moving_on_continues_after_it() {
        let scored = [false, true, false, true, false];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        assert!(walk.go(3));
        assert_eq!(walk.current(), Some(3), "a scored KSB can be gone to");
        walk.next(&scored);
        assert_eq!(walk.current(), Some(4));
        assert!(walk.go(0));
        walk.next(&scored);
        assert_eq!(walk.current(), Some(2));
        assert!(!walk.go(5));
        assert_eq!(walk.current(), Some(2));
        walk.next(&[true; 5]);
        assert_eq!(walk.current(), None);
        assert!(walk.go(1), "a finished walk can go back to a KSB");
        assert_eq!(walk.current(), Some(1));
    }

    #[test]
    fn after_a_jump_near_the_end_the_walk_goes_round_to_the_unscored_ones() {
        let mut scored = vec![false; 6];
        let mut walk = Walk::start(Scope::Unscored, &scored);
        assert!(walk.go(4));
        for i in [4, 5, 0, 1, 2, 3] {
            assert_eq!(walk.current(), Some(i));
            scored[i] = true;
            walk.next(&scored);
        }
        assert_eq!(walk.current(), None);
    }

    #[test]
    fn walking_all_after_a_jump_goes_round_to_the_ones_not_yet_seen() {
        let scored = [true; 4];
        let mut walk = Walk::start(Scope::All, &scored);
        walk.next(&scored);
        assert!(walk.go(2));
        for i in [2, 3, 1] {
            assert_eq!(walk.current(), Some(i));
            walk.next(&scored);
        }
        assert_eq!(walk.current(), None);
    }
}
