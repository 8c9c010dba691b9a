//! The evidence a document's kind is decided from: label-shaped lines,
//! attendance labels, what headings and opening lines say, a salutation and
//! a sign-off. Counted over the outline before any parser runs.

use super::{attendance, transcript, Ctx};
use crate::read::blocks::BlockKind;
use crate::text::plain;

/// How letters end, lower case.
const SIGN_OFFS: &[&str] = &[
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "kind regards",
    "best regards",
    "with best wishes",
    "best wishes",
    "regards",
    "many thanks",
];

/// How many opening lines may name the document's kind ("MINUTES of the meeting").
const OPENING_LINES: usize = 12;

pub(super) fn collect(ctx: &mut Ctx<'_>) {
    let src = ctx.src;
    // Bare names count as labels where they repeat, or, in a document that
    // is a transcript by its other labels, where the name is also written
    // elsewhere (the members present, the witnesses).
    let mut bare: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let mut strong = 0;
    for block in &ctx.blocks {
        match transcript::label_at(src.line(block.first)) {
            Some(label) if label.weak => *bare.entry(label.label).or_default() += 1,
            Some(label) if label.speaker.is_some() => strong += 1,
            _ => {}
        }
    }
    ctx.signals.repeated_labels = bare
        .into_iter()
        .filter(|&(label, count)| {
            count >= transcript::BARE_LABEL_REPEATS
                || (strong >= 5 && src.text.matches(label).count() > count)
        })
        .map(|(label, _)| label.to_owned())
        .collect();
    let mut opening = 0;
    for block in &ctx.blocks {
        let first = src.line(block.first);
        if block.kind == BlockKind::Directive {
            continue;
        }
        if transcript::label_at(first)
            .is_some_and(|l| !l.weak || ctx.signals.repeated_labels.contains(l.label))
        {
            ctx.signals.label_lines += 1;
        }
        if attendance::label_at(first).is_some() {
            ctx.signals.attendance_labels += 1;
        }
        let text = plain(first.trim_start_matches('#')).to_lowercase();
        let is_heading = block.is_heading();
        let near_start = opening < OPENING_LINES;
        opening += block.last - block.first + 1;
        if is_heading || near_start {
            let says = |word: &str| {
                text.split_whitespace()
                    .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == word)
            };
            ctx.signals.minutes_words += usize::from(says("minutes"));
            ctx.signals.agenda_words += usize::from(says("agenda"));
        }
        if is_heading && text.contains("recommendation") {
            ctx.signals.recommendation_headings += 1;
        }
        // "Government response to recommendation 3": a response's own headings.
        if is_heading && text.contains("response to") {
            ctx.signals.response_words += 1;
        }
    }
    let salutation = (1..=src.len()).any(|n| src.line(n).trim_start().starts_with("Dear "));
    let sign_off = (1..=src.len()).any(|n| {
        let line = plain(src.line(n)).to_lowercase();
        // A sign-off is a short line: "Best wishes", not a sentence using it.
        line.len() < 40 && SIGN_OFFS.iter().any(|s| line.starts_with(s))
    });
    ctx.signals.letter = salutation && sign_off;
}
