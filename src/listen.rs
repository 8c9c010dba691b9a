//! The accept loop: our own rather than `axum::serve`, for what a public
//! service needs and that does not offer:
//!
//! - a **header-read timeout** ([`HEADER_READ_TIMEOUT`]): a client that opens
//!   a connection and sends nothing, or a header a byte a minute, or sits
//!   idle between keep-alive requests, is closed, so idle sockets cannot hold
//!   file descriptors for good;
//! - a **cap on open connections** ([`MAX_CONNECTIONS`], under the open-file
//!   limit): past it, each new connection makes the oldest idle one close,
//!   so sockets held open and silent cannot lock other clients out;
//! - a **header buffer** larger than the limits the envelope enforces, so an
//!   oversized request gets the JSON 414/431 refusal rather than hyper's
//!   bodiless one;
//! - the **open-file limit** raised to the hard limit at start-up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

/// Longest a client may take to send a request's headers (and longest a
/// kept-alive connection may sit idle before its next request).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Most connections served at once, whatever the open-file limit allows.
pub const MAX_CONNECTIONS: usize = 4_096;
/// File descriptors kept free of connections: the store, the search index
/// and the log need their own.
const RESERVED_FDS: u64 = 128;

/// Raises the soft open-file limit to the hard one and returns how many
/// connections to allow under it.
pub fn connection_cap() -> usize {
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "cannot read or raise the open-file limit");
            1_024
        }
    };
    let cap = limit.saturating_sub(RESERVED_FDS).max(16);
    usize::try_from(cap)
        .unwrap_or(MAX_CONNECTIONS)
        .min(MAX_CONNECTIONS)
}

/// One open connection, as the accept loop sees it.
struct Slot {
    id: u64,
    /// Requests of this connection being answered now; 0 is idle.
    busy: Arc<AtomicUsize>,
    /// Tells the connection to close once it is idle.
    close: Arc<Notify>,
}

/// The open connections, oldest first, and a signal when one closes.
#[derive(Default)]
struct Slots {
    open: Mutex<Vec<Slot>>,
    freed: Notify,
}

impl Slots {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Slot>> {
        // A panic while holding the lock leaves the list usable.
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// At the cap, has an idle connection close and waits (briefly, so a
    /// cap of busy connections only slows accepting) for a slot to free.
    async fn make_room(&self, cap: usize) {
        if self.lock().len() < cap {
            return;
        }
        let freed = self.freed.notified();
        self.shed(cap.saturating_sub(1));
        let _ = tokio::time::timeout(Duration::from_millis(100), freed).await;
    }

    /// Past the cap, asks the oldest idle connection to close.
    fn shed(&self, cap: usize) {
        let slots = self.lock();
        if slots.len() > cap {
            if let Some(idle) = slots.iter().find(|s| s.busy.load(Ordering::Acquire) == 0) {
                idle.close.notify_one();
            }
        }
    }

    fn remove(&self, id: u64) {
        self.lock().retain(|s| s.id != id);
        self.freed.notify_waiters();
    }
}

/// Serves `app` on `listener` until `shutdown` completes. Past `cap` open
/// connections, each new one makes the oldest idle one close: held idle
/// sockets cannot lock other clients out, and busy ones are never cut.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    cap: usize,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Slots::default());
    let mut next_id = 0u64;
    tokio::pin!(shutdown);
    loop {
        slots.make_room(cap).await;
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // EMFILE and the like: make room and back off, never spin.
                    tracing::warn!(%error, "accept failed");
                    slots.shed(0);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let _ = stream.set_nodelay(true);
        next_id += 1;
        let id = next_id;
        let busy = Arc::new(AtomicUsize::new(0));
        let close = Arc::new(Notify::new());
        slots.lock().push(Slot {
            id,
            busy: busy.clone(),
            close: close.clone(),
        });
        let app = app.clone();
        let service = tower::service_fn(move |request: hyper::Request<Incoming>| {
            let app = app.clone();
            let busy = busy.clone();
            busy.fetch_add(1, Ordering::AcqRel);
            async move {
                let response = app.oneshot(request.map(axum::body::Body::new)).await;
                busy.fetch_sub(1, Ordering::AcqRel);
                response
            }
        });
        let slots = slots.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(
                    2 * (crate::envelope::MAX_URI_BYTES + crate::envelope::MAX_HEADER_BYTES),
                )
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                () = close.notified() => {
                    // Finishes a request in flight, then closes.
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = result {
                tracing::debug!(%error, "connection closed with an error");
            }
            slots.remove(id);
        });
    }
}
