//! The pages a browser gets: the explorer at `/` and GraphiQL at
//! `/graphiql`, with their scripts and styles under `/assets/`. They are
//! built from `web/` by Vite into `web/dist/`, which is committed and
//! embedded in the binary, so the service needs neither npm nor a network to
//! serve them (CI rebuilds `web/dist/` and fails if it differs).

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

#[derive(rust_embed::Embed)]
#[folder = "web/dist/"]
struct Built;

/// The routes of the pages and their assets.
pub fn routes() -> Router {
    Router::new()
        .route("/", get(|| async { page("index.html") }))
        .route("/graphiql", get(|| async { page("graphiql.html") }))
        .route("/assets/{*file}", get(asset))
}

/// An HTML page: revalidated on every load, so a new binary's assets are
/// picked up at once (the assets it names are cached for good).
fn page(name: &str) -> Response {
    match Built::get(name) {
        Some(file) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            file.data,
        )
            .into_response(),
        None => missing(name),
    }
}

/// A built script, style or image. Vite names each by a hash of its
/// content, so a name never changes meaning and may be cached for a year.
async fn asset(Path(file): Path<String>) -> Response {
    let name = format!("assets/{file}");
    let Some(found) = Built::get(&name) else {
        return missing(&name);
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(media_type(&name)),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        found.data,
    )
        .into_response()
}

/// The media type of what Vite emits, by extension.
fn media_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn missing(name: &str) -> Response {
    crate::envelope::refusal(
        StatusCode::NOT_FOUND,
        format!("no page or asset {name:?} in this build"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_pages_and_every_asset_they_name_are_embedded() {
        for page in ["index.html", "graphiql.html"] {
            let html = Built::get(page).expect("page built into web/dist");
            let html = std::str::from_utf8(&html.data).unwrap();
            let named: Vec<&str> = html
                .split(['"', '\''])
                .filter(|s| s.starts_with("/assets/"))
                .collect();
            assert!(!named.is_empty(), "{page} names no asset");
            for asset in named {
                assert!(
                    Built::get(&asset[1..]).is_some(),
                    "{page} names {asset}, which is not embedded"
                );
            }
        }
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(
            media_type("assets/a-1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(media_type("assets/a-1.css"), "text/css; charset=utf-8");
        assert_eq!(media_type("assets/x"), "application/octet-stream");
    }
}
