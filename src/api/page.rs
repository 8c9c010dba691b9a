//! Relay connections over in-memory lists, with `totalCount` and a page cap.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{OutputType, SimpleObject};

use super::{error, Code};

/// Page size when `first` is not given.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: usize = 100;

/// Fields every connection carries besides `edges` and `pageInfo`.
#[derive(SimpleObject)]
pub struct Counted {
    /// How many items match, over all pages.
    pub total_count: usize,
}

/// The complexity of a connection field: its children count once per item a
/// page may hold, so nested lists cannot multiply past the limit unnoticed.
pub fn page_cost(first: Option<i32>, child_complexity: usize) -> usize {
    let items = first.map_or(DEFAULT_PAGE_SIZE, |n| {
        n.clamp(1, MAX_PAGE_SIZE as i32) as usize
    });
    1 + items * child_complexity
}

/// A connection type with `totalCount`.
pub type Page<T> = Connection<String, T, Counted, EmptyFields>;

/// The window a page asks for: `(start, size)` from `first` and `after`.
/// Cursors are opaque strings holding the offset of an item; a cursor that is
/// not one is a user error.
pub fn window(first: Option<i32>, after: Option<String>) -> async_graphql::Result<(usize, usize)> {
    let first = match first {
        None => DEFAULT_PAGE_SIZE,
        Some(n) if n < 0 => return Err(error(Code::BadUserInput, "`first` must not be negative")),
        Some(n) if n as usize > MAX_PAGE_SIZE => {
            return Err(error(
                Code::LimitExceeded,
                format!("`first` is {n}; pages hold at most {MAX_PAGE_SIZE} items"),
            ))
        }
        Some(n) => n as usize,
    };
    let start = match after {
        None => 0,
        Some(cursor) => {
            // Saturating: a forged cursor at usize::MAX is past the end, not a panic.
            decode_cursor(&cursor)
                .ok_or_else(|| {
                    error(
                        Code::BadUserInput,
                        format!("invalid cursor {cursor:?}: use a cursor from a previous page"),
                    )
                })?
                .saturating_add(1)
        }
    };
    Ok((start, first))
}

/// A page of `items` that start at offset `start`, out of `total`.
pub fn page_of<T: OutputType>(items: Vec<T>, start: usize, total: usize) -> Page<T> {
    let end = start + items.len();
    let mut page = Connection::with_additional_fields(
        start > 0 && start <= total,
        end < total,
        Counted { total_count: total },
    );
    page.edges = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| Edge::new(encode_cursor(start + i), item))
        .collect();
    page
}

/// Cuts one page out of `items`.
pub fn paginate<T: OutputType>(
    items: Vec<T>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<Page<T>> {
    let (start, first) = window(first, after)?;
    let total = items.len();
    let kept: Vec<T> = items.into_iter().skip(start).take(first).collect();
    Ok(page_of(kept, start, total))
}

fn encode_cursor(offset: usize) -> String {
    format!("o{offset}")
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    cursor.strip_prefix('o')?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_cursors() {
        let page = paginate((0..5).collect::<Vec<i32>>(), Some(2), None).unwrap();
        assert_eq!(
            page.edges.iter().map(|e| e.node).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert!(page.has_next_page && !page.has_previous_page);
        let next = paginate(
            (0..5).collect::<Vec<i32>>(),
            Some(2),
            Some(page.edges[1].cursor.clone()),
        )
        .unwrap();
        assert_eq!(
            next.edges.iter().map(|e| e.node).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert!(paginate(vec![1], Some(101), None).is_err());
        assert!(paginate(vec![1], None, Some("zzz".into())).is_err());
    }
}
