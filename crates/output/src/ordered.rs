//! Work done in parallel, results handed over in input order.
//!
//! At most a window of `4 x threads` items is in flight or waiting at once, so memory stays
//! bounded whatever the batch size, and a slow item holds back only the window behind it.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc;

/// Run `work` on every item on `pool`, and call `emit` with the results in the items' order,
/// on the calling thread, as soon as each one's turn comes. Stops at the first error of `emit`
/// (the items in flight are finished and dropped). A panic in `work` is passed on.
pub fn run_in_order<T, R, E>(
    pool: &rayon::ThreadPool,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let window = 4 * pool.current_num_threads().max(1);
    let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    let work = &work;
    pool.in_place_scope(|scope| {
        let mut spawned = 0;
        let mut pending = BTreeMap::new();
        for next in 0..items.len() {
            while spawned < items.len() && spawned < next + window {
                let (tx, item, i) = (tx.clone(), &items[spawned], spawned);
                scope.spawn(move |_| {
                    let r = catch_unwind(AssertUnwindSafe(|| work(item)));
                    let _ = tx.send((i, r));
                });
                spawned += 1;
            }
            let r = match pending.remove(&next) {
                Some(r) => r,
                None => loop {
                    // every spawned task sends exactly once, and `tx` is alive here
                    let (i, r) = rx.recv().expect("a worker's result");
                    if i == next {
                        break r;
                    }
                    pending.insert(i, r);
                },
            };
            match r {
                Ok(r) => emit(r)?,
                Err(panic) => resume_unwind(panic),
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut got = Vec::new();
            run_in_order(
                &pool,
                &items,
                |&i| {
                    // later items finish first
                    std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                    i * 2
                },
                |r| {
                    got.push(r);
                    Ok::<_, ()>(())
                },
            )
            .unwrap();
            assert_eq!(got, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn stops_at_the_first_error() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let items: Vec<u32> = (0..100).collect();
        let mut seen = 0;
        let r = run_in_order(
            &pool,
            &items,
            |&i| i,
            |i| {
                seen += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err(10));
        assert_eq!(seen, 11);
    }

    #[test]
    fn empty_input() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let r = run_in_order(&pool, &[] as &[u8], |_| 1, |_| Err::<(), _>("called"));
        assert_eq!(r, Ok(()));
    }
}
