//! Idempotence, order independence, durability and atomicity of ingest.

mod common;

use common::{export, fixture, ingest_fresh, seed_dir};
use scrutiny::ingest::{collect_files, ingest_paths, prepare};
use scrutiny::store::{Outcome, Store, StoreError};

#[test]
fn ingesting_twice_changes_nothing() {
    let store = ingest_fresh(&[seed_dir()]);
    let before = export(&store);
    let reports = ingest_paths(&store, &[seed_dir()]).unwrap();
    assert_eq!(reports.len(), 5);
    for report in &reports {
        assert_eq!(
            report.result.as_ref().unwrap().1,
            Outcome::Unchanged,
            "{report}"
        );
    }
    assert_eq!(export(&store), before);
}

#[test]
fn ingest_order_does_not_change_the_graph() {
    let forward = export(&ingest_fresh(&[seed_dir()]));
    let mut files = collect_files(&[seed_dir()]).unwrap();
    files.reverse();
    let store = Store::temporary().unwrap();
    for file in files {
        for report in ingest_paths(&store, &[file]).unwrap() {
            assert!(report.result.is_ok(), "{report}");
        }
    }
    assert_eq!(export(&store), forward);
}

#[test]
fn the_store_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let store = Store::open(dir.path()).unwrap();
        ingest_paths(&store, &[seed_dir()]).unwrap();
        export(&store)
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(export(&store), before);
}

#[test]
fn a_write_that_fails_part_way_leaves_the_store_unchanged() {
    let store = ingest_fresh(&[seed_dir()]);
    let before = export(&store);
    let generation = store.generation().unwrap();
    let path = fixture("pack/harbour-committee-2024-02-07.txt");
    let prepared = prepare(&path, std::fs::read(&path).unwrap(), None).unwrap();
    for fail_after in [0, 1, 7, 40] {
        let result = store.put_document_failing_after(
            &prepared.meta,
            &prepared.text,
            &prepared.sha256,
            &prepared.contribution,
            Some(fail_after),
        );
        assert!(
            matches!(result, Err(StoreError::Aborted { .. })),
            "{result:?}"
        );
        assert_eq!(
            export(&store),
            before,
            "nothing of the document after {fail_after} writes"
        );
        assert_eq!(store.generation().unwrap(), generation);
    }
    // Replacing a stored document and failing part-way keeps the old version.
    let seed = seed_dir().join("004_df7a8ebb517b5672.txt");
    let mut text = std::fs::read_to_string(&seed).unwrap();
    text = text.replacen("**Kenny Bowie (", "**Kenneth Bowie (", 1);
    let meta = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.meta.id.starts_with("pcc-"))
        .unwrap()
        .meta;
    let changed = prepare(&seed, text.into_bytes(), Some(meta)).unwrap();
    let result = store.put_document_failing_after(
        &changed.meta,
        &changed.text,
        &changed.sha256,
        &changed.contribution,
        Some(3),
    );
    assert!(result.is_err());
    assert_eq!(export(&store), before);
}

#[test]
fn re_ingesting_a_changed_document_replaces_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.txt");
    let original =
        std::fs::read_to_string(fixture("pack/harbour-committee-2024-02-07.txt")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let store = Store::temporary().unwrap();
    ingest_paths(&store, std::slice::from_ref(&file)).unwrap();
    assert!(export(&store).contains("person/owen-pryce"));

    std::fs::write(&file, original.replace("Owen Pryce", "Olwen Price")).unwrap();
    let reports = ingest_paths(&store, &[file]).unwrap();
    assert_eq!(reports[0].result.as_ref().unwrap().1, Outcome::Replaced);
    let after = export(&store);
    assert!(after.contains("person/olwen-price"));
    assert!(
        !after.contains("person/owen-pryce"),
        "nothing stale is left behind"
    );
}

#[test]
fn the_change_feed_lists_exactly_a_new_documents_nodes_and_edges() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.txt");
    let original =
        std::fs::read_to_string(fixture("pack/harbour-committee-2024-02-07.txt")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let store = ingest_fresh(&[seed_dir()]);
    let cursor = store.changes().unwrap().len();
    assert!(cursor > 0);

    ingest_paths(&store, std::slice::from_ref(&file)).unwrap();
    let record = store
        .documents()
        .unwrap()
        .into_iter()
        .find(|d| d.meta.id == "harbour")
        .unwrap();
    let expected: std::collections::BTreeSet<String> =
        record.nodes.iter().chain(&record.edges).cloned().collect();
    let log = store.changes().unwrap();
    let after: Vec<_> = log[cursor..].to_vec();
    let listed: std::collections::BTreeSet<String> = after.iter().map(|c| c.key.clone()).collect();
    assert_eq!(listed, expected);
    assert!(after
        .iter()
        .all(|c| c.change == "changed" && c.document == "harbour"));
    assert!(
        after.windows(2).all(|w| w[0].sequence + 1 == w[1].sequence),
        "sequences run on"
    );

    // Re-ingesting the same file logs nothing; removing a person logs tombstones.
    ingest_paths(&store, std::slice::from_ref(&file)).unwrap();
    assert_eq!(store.changes().unwrap().len(), log.len());
    std::fs::write(&file, original.replace("Owen Pryce", "Olwen Price")).unwrap();
    ingest_paths(&store, &[file]).unwrap();
    let log = store.changes().unwrap();
    assert!(log
        .iter()
        .any(|c| c.key == "person/owen-pryce" && c.change == "deleted"));
    assert!(log
        .iter()
        .any(|c| c.key == "person/olwen-price" && c.change == "changed"));
}

/// A store of the previous format version is refused with the way to
/// upgrade it, and `scrutiny rebuild` makes it a store of this version that
/// serves the same graph.
#[test]
fn an_older_store_is_refused_and_rebuild_upgrades_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let before = {
        let store = Store::open(&data).unwrap();
        for report in ingest_paths(&store, &[seed_dir()]).unwrap() {
            assert!(report.result.is_ok(), "{report}");
        }
        export(&store)
    };
    {
        // What the previous version wrote: the same meta tree, version 4.
        let db = sled::Config::new().path(&data).open().unwrap();
        let meta = db.open_tree(scrutiny::store::META).unwrap();
        let previous = scrutiny::store::FORMAT_VERSION - 1;
        meta.insert("format_version", &previous.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let message = match Store::open(&data) {
        Err(error @ StoreError::Version { .. }) => error.to_string(),
        other => panic!("expected a format refusal, got {:?}", other.map(|_| ())),
    };
    assert!(message.contains(&data.display().to_string()), "{message}");
    assert!(message.contains("scrutiny rebuild"), "{message}");

    let rebuilt = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .arg("rebuild")
        .arg("--data-dir")
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        rebuilt.status.success(),
        "{}",
        String::from_utf8_lossy(&rebuilt.stderr)
    );
    let store = Store::open(&data).unwrap();
    assert_eq!(export(&store), before);
}
