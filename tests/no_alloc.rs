//! Parsing and building Close frames allocate nothing: this test binary's global allocator
//! counts the allocations of the test's own thread around each call.
#![allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this file is its only user.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use close_codes::{CloseCode, CloseFrame, MAX_PAYLOAD_LEN};

thread_local! {
    // `const` init: reading it never allocates, so the allocator may use it.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; the count is a thread-local `Cell`.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: the caller's contract for `alloc` is the one `System.alloc` needs.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through `alloc` above, with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_counter_sees_allocations() {
    // Without this, a counter that never counts would pass the test below.
    let made = allocations(|| drop(std::hint::black_box(vec![1u8; 64])));
    assert_eq!(made, 1);
}

#[test]
fn parse_and_build_allocate_nothing() {
    let reason = "é".repeat(70);
    let bodies: Vec<Vec<u8>> = vec![
        vec![],
        vec![3],
        b"\x03\xe8bye".to_vec(),
        b"\x03\xe8\xff".to_vec(),
        b"\x03\xed".to_vec(),
        vec![0x03; 126],
    ];
    let made = allocations(|| {
        for body in &bodies {
            let parsed = CloseFrame::<CloseCode>::parse(std::hint::black_box(body));
            if let Err(error) = parsed {
                std::hint::black_box(error.reply_code());
            }
        }
        let mut buf = [0; MAX_PAYLOAD_LEN];
        let frame = CloseFrame::truncated(CloseCode::GoingAway, &reason).unwrap();
        std::hint::black_box(frame.encode(&mut buf).unwrap());
        let frame = CloseFrame::new(CloseCode::NormalClosure, "bye").unwrap();
        std::hint::black_box(frame.write_to(&mut buf).unwrap());
        std::hint::black_box(CloseFrame::new(CloseCode::NormalClosure, &reason).unwrap_err());
        std::hint::black_box(CloseFrame::new(CloseCode::AbnormalClosure, "").unwrap_err());
    });
    assert_eq!(made, 0);
}
