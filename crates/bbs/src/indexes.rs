//! Validation of disclosed-index lists (draft 3.5.3 and 3.5.4 preconditions).

use crate::error::{Error, Result};

/// Checks that `indexes` are strictly ascending and below `count`.
pub(crate) fn check_indexes(indexes: &[usize], count: usize) -> Result<()> {
    for w in indexes.windows(2) {
        if w[0] == w[1] {
            return Err(Error::DuplicateIndex(w[0]));
        }
        if w[0] > w[1] {
            return Err(Error::UnsortedIndexes);
        }
    }
    if let Some(&last) = indexes.last() {
        if last >= count {
            return Err(Error::IndexOutOfRange { index: last, count });
        }
    }
    Ok(())
}

/// The complement of ascending `disclosed` in 0..count, ascending.
pub(crate) fn undisclosed(disclosed: &[usize], count: usize) -> Vec<usize> {
    let mut out = Vec::with_capacity(count - disclosed.len().min(count));
    let mut d = disclosed.iter().peekable();
    for i in 0..count {
        if d.peek() == Some(&&i) {
            d.next();
        } else {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        assert!(check_indexes(&[0, 2, 5], 6).is_ok());
        assert!(check_indexes(&[], 0).is_ok());
        assert_eq!(
            check_indexes(&[4, 2, 4, 6], 10),
            Err(Error::UnsortedIndexes)
        );
        assert_eq!(check_indexes(&[1, 1], 10), Err(Error::DuplicateIndex(1)));
        assert_eq!(
            check_indexes(&[1, 10], 10),
            Err(Error::IndexOutOfRange {
                index: 10,
                count: 10
            })
        );
        assert_eq!(undisclosed(&[0, 2], 5), vec![1, 3, 4]);
    }
}
