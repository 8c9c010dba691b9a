//! Documents: source files and their parts, reports, letters.

use chrono::NaiveDate;

use super::meetings::Meeting;
use super::view::node_type;
use crate::model::EdgeKind;

node_type! {
    /// A document: a source file, or a part of one (minutes, a transcript).
    Document [statements("Speaker turns in this transcript.", incoming, InDocument)] {
        /// The title.
        async fn title(&self) -> String {
            self.0.node().name.clone()
        }

        /// What it is: agenda-pack, minutes, transcript, letter, article, ...
        async fn kind(&self) -> Option<String> {
            self.0.prop("kind")
        }

        /// Its date.
        async fn date(&self) -> Option<NaiveDate> {
            self.0.date("date")
        }

        /// Publisher as the manifest names it.
        async fn publisher(&self) -> Option<String> {
            self.0.prop("publisher")
        }

        /// The source file name.
        async fn file_name(&self) -> Option<String> {
            self.0.prop("file_name")
        }

        /// The panel of a transcript, when a session had several.
        async fn panel(&self) -> Option<String> {
            self.0.prop("panel")
        }

        /// The document this one is part of.
        async fn part_of(&self) -> Option<Document> {
            self.0.out_one(EdgeKind::PartOf)
        }

        /// The documents inside this one.
        async fn parts(&self) -> Vec<Document> {
            self.0.incoming(EdgeKind::PartOf)
        }

        /// The meeting it records.
        async fn meeting(&self) -> Option<Meeting> {
            self.0.out_one(EdgeKind::Records)
        }

    }
}
