//! [`Csr`]: a list of lists stored as one flat `Vec` plus offsets ("compressed sparse rows"),
//! used by [`super::RaView`] for per-block successors, predecessors, parameters and per-edge
//! arguments instead of nested `Vec`s (one allocation per table instead of one per block: a
//! 200k-block function had ~800k small allocations there).
//!
//! Invariants: `starts` has one more entry than there are rows, starts at 0, never decreases and
//! ends at `items.len()`; row `r` is `items[starts[r]..starts[r + 1]]`. Rows are only appended
//! (the last row grows through [`Csr::push`] until [`Csr::end_row`] closes it).

/// Rows of `T`, flat.
#[derive(Clone, Debug)]
pub struct Csr<T> {
    items: Vec<T>,
    starts: Vec<u32>,
}

impl<T> Default for Csr<T> {
    fn default() -> Self {
        Csr::new()
    }
}

impl<T> Csr<T> {
    /// No rows.
    pub fn new() -> Csr<T> {
        Csr {
            items: Vec::new(),
            starts: vec![0],
        }
    }
    /// No rows, with room for `rows` rows and `items` items in all.
    pub fn with_capacity(rows: usize, items: usize) -> Csr<T> {
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0);
        Csr {
            items: Vec::with_capacity(items),
            starts,
        }
    }
    /// Append an item to the open (last, not yet ended) row.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }
    /// Close the open row (the items pushed since the previous `end_row` form it).
    pub fn end_row(&mut self) {
        self.starts.push(self.items.len() as u32);
    }
    /// The index in the flat item list of row `r`'s first item (`r` may be the number of closed rows).
    pub fn row_start(&self, r: usize) -> usize {
        self.starts[r] as usize
    }
    /// Row `r` (a closed row).
    pub fn row(&self, r: usize) -> &[T] {
        &self.items[self.starts[r] as usize..self.starts[r + 1] as usize]
    }
}

impl<T: Clone> Csr<T> {
    /// Rows of the given lengths, every item `fill`, to be filled with [`Csr::row_mut`].
    pub fn with_lengths(lengths: impl Iterator<Item = usize>, fill: T) -> Csr<T> {
        let mut starts = vec![0u32];
        let mut total = 0usize;
        for n in lengths {
            total += n;
            starts.push(total as u32);
        }
        Csr {
            items: vec![fill; total],
            starts,
        }
    }
    /// Row `r`, writable.
    pub fn row_mut(&mut self, r: usize) -> &mut [T] {
        &mut self.items[self.starts[r] as usize..self.starts[r + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Csr;

    #[test]
    fn rows_are_the_pushed_items_including_empty_rows() {
        let mut c: Csr<u32> = Csr::with_capacity(3, 4);
        assert_eq!(c.row_start(0), 0);
        c.push(1);
        c.push(2);
        c.end_row();
        c.end_row();
        c.push(3);
        c.end_row();
        assert_eq!(c.row(0), &[1, 2]);
        assert_eq!(c.row(1), &[] as &[u32]);
        assert_eq!(c.row(2), &[3]);
        assert_eq!((c.row_start(1), c.row_start(2), c.row_start(3)), (2, 2, 3));
    }

    #[test]
    fn rows_of_given_lengths_are_filled_in_place() {
        let mut c: Csr<u32> = Csr::with_lengths([2usize, 0, 1].into_iter(), 0);
        c.row_mut(0).copy_from_slice(&[7, 8]);
        c.row_mut(2)[0] = 9;
        assert_eq!(c.row(0), &[7, 8]);
        assert!(c.row(1).is_empty());
        assert_eq!(c.row(2), &[9]);
    }
}
