//! `schema/schema.graphql` is generated from the code; this test keeps it
//! current. Run with `UPDATE_SCHEMA=1` to rewrite it after a deliberate change.

use std::path::PathBuf;

#[test]
fn committed_sdl_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/schema.graphql");
    let generated = scrutiny::api::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/schema.graphql is out of date: run `UPDATE_SCHEMA=1 cargo test --test schema` and commit it"
    );
}
