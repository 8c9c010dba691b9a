//! Link: the cross-document step run when the graph is built from the
//! store, after every document's fragments are merged.
//!
//! A document can only name what another document holds. A response names
//! the report it answers by title, often shortened ("the rapid review into
//! data on mental health inpatient settings" for "Rapid review into data on
//! mental health inpatient settings: final report and recommendations"), so
//! its `responds-to` edges point at `report/{slug of the name}/recommendation/N`.
//! Here such an edge, whose target no document defines, is pointed at the
//! one report whose title slug begins with that name (or that the name
//! begins with) and that has recommendation N. The edge keeps its span in
//! the response, and says how it was linked (`linked_by: report-title`).
//!
//! An organisation one document defines by abbreviation ("Territorial
//! Support Group (TSG)") is named by it in others that never spell it out.
//! Here every whole-word use of a defined abbreviation, in any document (the
//! defining one too, where its own parse linked no statement to it),
//! mentions the organisation: from the statement whose lines hold it, else
//! from the document (`linked_by: abbreviation`, `defined_in` the defining
//! document). The organisation becomes a node if no parser made one.
//!
//! A kind of unit one document defines by a plural ("Basic Command Units
//! (BCUs)") names one unit wherever its abbreviation stands with an area
//! ("East BCU"): each such unit is a node, mentioned where it is named.
//!
//! Running at build time keeps ingest order free: the response may come
//! before or after its report, the definition before or after its uses.

mod abbreviations;
mod about;
mod dates;
mod report_titles;
mod same_document;
mod same_org;
mod same_person;
mod units;

pub use abbreviations::abbreviations_across_documents;
pub use about::about_in_context;
pub use dates::{date_readings, DateReading};
pub use report_titles::resolve_report_titles;
pub use same_document::{merge_title_variants, teams_named_as_documents};
pub use same_org::possible_same_organisations;
pub use same_person::possible_same_people;
pub use units::units_across_documents;
