//! Close-frame conversions for the WebSocket libraries of the cargo features, one module per
//! feature. The per-type code conversions are not here: every generated type gets those from
//! the `integrate!` hook in `private.rs`, as they must be expanded in the user's crate. These
//! are ordinary generic impls on [`CloseFrame`](crate::CloseFrame), which is this crate's own.

#[cfg(feature = "tokio-websockets")]
mod tokio_websockets;
#[cfg(feature = "tungstenite")]
mod tungstenite;
