//! Committee reports and their recommendations.
//!
//! A report's recommendations come as a summary list (a "Recommendations"
//! heading over "Recommendation N" headings), or as a plain bullet list after a
//! sentence ending "the following recommendations:", numbered by position. The
//! summary list is canonical; a chapter's restatement ("**Recommendation 8: The
//! Met and MOPAC should …**") is recorded on the recommendation it restates as
//! a variant, even when its number differs.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::entities::add_org;
use super::Ctx;
use crate::model::{Edge, EdgeKind, Node, NodeKind, Span};
use crate::orgs::Orgs;
use crate::text::plain;

/// "Recommendation 12" as a heading, or "Recommendation 8: text" restated.
static RECOMMENDATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Recommendation ([0-9]{1,3})(?:[:.]\s*(.*))?$").expect("valid regex")
});

/// "the Committee's report on Probation Services in London".
static REPORT_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[Rr]eport on ((?:[A-Z][\w'’-]*)(?:\s+(?:in|of|and|for|the|[A-Z][\w'’-]*))*)")
        .expect("valid regex")
});

/// A report found in the document.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    /// Node key, `report/{slug}`.
    pub key: String,
    /// Title as written.
    pub title: String,
    /// Recommendation numbers it holds.
    pub recommendations: BTreeSet<u32>,
    /// The lines the report's own text spans, when the document holds it whole.
    pub extent: Option<(usize, usize)>,
}

impl Report {
    pub fn recommendation_key(&self, number: u32) -> String {
        crate::keys::recommendation(&self.key, number)
    }
}

fn heading_level(line: &str) -> usize {
    line.chars().take_while(|&c| c == '#').count()
}

/// Whether an H1 is a title (sentence case) rather than a masthead in capitals.
fn is_title_heading(line: &str) -> bool {
    heading_level(line) == 1
        && plain(&line[1..]).chars().any(char::is_lowercase)
        && !plain(&line[1..]).starts_with("Subject:")
}

/// Finds every report's recommendations in the document.
pub(super) fn parse(ctx: &mut Ctx<'_>) -> Vec<Report> {
    let mut reports = Vec::new();
    let last = ctx.src.len();
    let mut n = 1;
    while n <= last {
        let line = ctx.src.line(n);
        // Only headings and the sentences that introduce a list can open one.
        if !line.starts_with('#') && !line.contains("following recommendations") {
            n += 1;
            continue;
        }
        let text = plain(line.trim_start_matches('#'));
        // "# recommendations" ending a title broken over lines ("# … final
        // report and" / "# recommendations") is the title, not a list's heading.
        let ends_title = n > 1 && is_title_heading(line) && is_title_heading(ctx.src.line(n - 1));
        if line.starts_with('#') && text.eq_ignore_ascii_case("recommendations") && !ends_title {
            if let Some(report) = summary_list(ctx, n) {
                reports.push(report);
            }
        } else if text
            .to_ascii_lowercase()
            .ends_with("the following recommendations:")
        {
            if let Some(report) = bullet_list(ctx, n) {
                reports.push(report);
            }
        }
        n += 1;
    }
    reports
}

/// The title H1 before line `n`, and where the report runs to.
/// The title before line `n` — its first and last line, since a PDF's title
/// heading can be broken over several lines — and where the report runs to.
fn report_extent(ctx: &Ctx<'_>, n: usize) -> Option<(usize, usize, usize)> {
    let title_last = (1..n).rev().find(|&m| is_title_heading(ctx.src.line(m)))?;
    let title_first = (1..=title_last)
        .rev()
        .take_while(|&m| is_title_heading(ctx.src.line(m)))
        .last()
        .unwrap_or(title_last);
    let end = (n + 1..=ctx.src.len())
        .find(|&m| is_title_heading(ctx.src.line(m)))
        .map_or(ctx.src.len(), |m| m - 1);
    Some((title_first, title_last, end))
}

pub(super) fn add_report(
    ctx: &mut Ctx<'_>,
    title: &str,
    span: Span,
    extent: Option<(usize, usize)>,
) -> Report {
    let key = crate::keys::report(title);
    ctx.out.add_node(
        Node::new(
            key.clone(),
            NodeKind::Document,
            title.to_owned(),
            span.clone(),
        )
        .with("kind", "report")
        .with("title", title),
    );
    ctx.out.add_edge(Edge::new(
        key.clone(),
        EdgeKind::PartOf,
        ctx.doc_key.clone(),
        span,
    ));
    Report {
        key,
        extent,
        title: title.to_owned(),
        recommendations: BTreeSet::new(),
    }
}

/// A "Recommendations" heading over "Recommendation N" headings.
fn summary_list(ctx: &mut Ctx<'_>, heading: usize) -> Option<Report> {
    let level = heading_level(ctx.src.line(heading));
    let Some((title_line, title_last, end)) = report_extent(ctx, heading) else {
        ctx.warn(
            heading,
            "a list of recommendations with no report title (a \"# Title\" heading) before it",
        );
        return None;
    };
    let title = (title_line..=title_last)
        .map(|m| plain(&ctx.src.line(m)[1..]))
        .collect::<Vec<_>>()
        .join(" ");
    let title_span = if title_line == title_last {
        ctx.src.quote_line(title_line, &title)
    } else {
        ctx.src.span(title_line, title_last)
    };
    let mut report = add_report(ctx, &title, title_span, Some((title_line, end)));
    // The line after the title names the authoring body, when it is one.
    if let Some(by) = (title_last + 1..title_last + 4).find(|&m| !ctx.src.line(m).trim().is_empty())
    {
        let author = plain(ctx.src.line(by));
        if ctx.orgs.is_known(&author) || Orgs::looks_like_org(&author) {
            if let Some(org) = add_org(ctx, &author, ctx.src.quote_line(by, &author)) {
                ctx.out.add_edge(Edge::new(
                    report.key.clone(),
                    EdgeKind::AuthoredBy,
                    org.key,
                    ctx.src.quote_line(by, &author),
                ));
            }
        }
    }
    let mut n = heading + 1;
    while n <= end {
        let line = ctx.src.line(n);
        if line.starts_with('#') {
            let text = plain(line.trim_start_matches('#'));
            match RECOMMENDATION.captures(&text) {
                Some(cap) if cap.get(2).is_none_or(|m| m.as_str().is_empty()) => {
                    let number: u32 = cap[1]
                        .parse()
                        .expect("one to three ASCII digits, as the regex reads them");
                    let body_end = (n + 1..=end)
                        .find(|&m| ctx.src.line(m).starts_with('#'))
                        .map_or(end, |m| m - 1);
                    let lines: Vec<usize> = (n + 1..=body_end)
                        .filter(|&m| !ctx.src.line(m).trim().is_empty())
                        .collect();
                    if let (Some(&first), Some(&last)) = (lines.first(), lines.last()) {
                        let text = lines
                            .iter()
                            .map(|&m| plain(ctx.src.line(m)))
                            .collect::<Vec<_>>()
                            .join("\n");
                        add_recommendation(
                            ctx,
                            &mut report,
                            number,
                            &text,
                            ctx.src.span(n, last.max(first)),
                        );
                    } else {
                        ctx.warn(n, format!("recommendation {number} has no text: expected a paragraph under its heading"));
                    }
                    n = body_end + 1;
                    continue;
                }
                _ if heading_level(line) <= level => break,
                _ => {}
            }
        }
        n += 1;
    }
    restatements(ctx, &report, heading, end);
    Some(report)
}

/// A plain bullet list after "… the following recommendations:", numbered by position.
fn bullet_list(ctx: &mut Ctx<'_>, intro: usize) -> Option<Report> {
    // The report's title is the one the surrounding text names ("report on X").
    let from = (1..intro)
        .rev()
        .find(|&m| ctx.src.line(m).starts_with("# "))
        .unwrap_or(1);
    let found = (from..=intro).find_map(|m| {
        REPORT_ON
            .captures(ctx.src.line(m))
            .map(|cap| (m, cap[1].trim().to_owned()))
    });
    let Some((title_line, title)) = found else {
        ctx.warn(intro, "a list of recommendations whose report is not named: expected \"report on <Title>\" before it");
        return None;
    };
    let title = title
        .trim_end_matches(" in")
        .trim_end_matches(" the")
        .to_owned();
    let mut report = add_report(ctx, &title, ctx.src.quote_line(title_line, &title), None);
    let mut number = 0;
    let mut n = intro + 1;
    while n <= ctx.src.len() {
        let line = ctx.src.line(n);
        if line.trim().is_empty() {
            n += 1;
            continue;
        }
        let Some(item) = line.trim_start().strip_prefix("- ") else {
            break;
        };
        number += 1;
        add_recommendation(
            ctx,
            &mut report,
            number,
            &plain(item),
            ctx.src.quote_line(n, item),
        );
        n += 1;
    }
    Some(report)
}

pub(super) fn add_recommendation(
    ctx: &mut Ctx<'_>,
    report: &mut Report,
    number: u32,
    text: &str,
    span: Span,
) {
    let key = report.recommendation_key(number);
    let preview: String = text.chars().take(80).collect();
    ctx.out.add_node(
        Node::new(
            key.clone(),
            NodeKind::Recommendation,
            format!("Recommendation {number}: {preview}"),
            span.clone(),
        )
        .with("number", number.to_string())
        .with("text", text)
        .with("report", report.title.clone()),
    );
    ctx.out.add_edge(Edge::new(
        report.key.clone(),
        EdgeKind::Recommends,
        key.clone(),
        span.clone(),
    ));
    for (position, (as_written, target)) in addressees(&ctx.orgs, text).into_iter().enumerate() {
        let quote = ctx.src.quote(
            span.first_line as usize,
            span.last_line as usize,
            &as_written,
        );
        let target_key = match target {
            Addressee::Org(name) => match add_org(ctx, &name, quote.clone()) {
                Some(org) => org.key,
                None => continue,
            },
            Addressee::Post(post) => add_post(ctx, &post, quote.clone()),
        };
        let edge = Edge::new(key.clone(), EdgeKind::AddressedTo, target_key, quote)
            .with("as_written", as_written)
            .with("position", (position + 1).to_string());
        ctx.out.add_edge(edge);
    }
    report.recommendations.insert(number);
}

/// Adds a post and the organisation it belongs to.
pub(crate) fn add_post(ctx: &mut Ctx<'_>, post: &crate::orgs::Post, span: Span) -> String {
    ctx.out.add_node(
        Node::new(
            post.key.clone(),
            NodeKind::Post,
            post.name.clone(),
            span.clone(),
        )
        .alias(span.quote.clone()),
    );
    if let Some(org) = &post.organisation {
        ctx.out
            .add_node(super::entities::org_node(org, span.clone()));
        ctx.out.add_edge(Edge::new(
            post.key.clone(),
            EdgeKind::PostOf,
            org.key.clone(),
            span,
        ));
    }
    post.key.clone()
}

/// Who a recommendation is addressed to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Addressee {
    Org(String),
    Post(crate::orgs::Post),
}

/// The subjects of "… should …" in each sentence: organisations and posts.
/// "His Majesty's Courts and Tribunals Service, the Magistrates Association and
/// the London Probation Service should …" gives three; a known name that
/// contains "and" is kept whole.
pub(crate) fn addressees(orgs: &Orgs, text: &str) -> Vec<(String, Addressee)> {
    let mut out: Vec<(String, Addressee)> = Vec::new();
    for sentence in text.split(". ") {
        let Some(at) = sentence.find(" should ") else {
            continue;
        };
        let subject = &sentence[..at];
        // Pieces between ", " and " and ", with a leading clause ("By May 2023, …") dropped later.
        let mut pieces: Vec<&str> = Vec::new();
        let mut rest = subject;
        while let Some((i, sep)) = [", ", " and "]
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, *s)))
            .min()
        {
            pieces.push(&rest[..i]);
            rest = &rest[i + sep.len()..];
        }
        pieces.push(rest);
        let mut i = 0;
        while i < pieces.len() {
            // The longest run of pieces that is one known name ("Courts and Tribunals Service").
            let mut taken = None;
            for j in (i..pieces.len()).rev() {
                let start = pieces[i].as_ptr() as usize - subject.as_ptr() as usize;
                let end = pieces[j].as_ptr() as usize - subject.as_ptr() as usize + pieces[j].len();
                let candidate = subject[start..end].trim();
                if let Some(post) = orgs.resolve_post(candidate) {
                    taken = Some((j, candidate.to_owned(), Addressee::Post(post)));
                    break;
                }
                // "Trust and provider leaders should …": a class of body
                // ("Trust", "Parish Councils") is addressed, not one body.
                let one_body = Orgs::looks_like_org(candidate) && !Orgs::names_a_class(candidate);
                if orgs.is_known(candidate) || (j == i && one_body) {
                    taken = Some((
                        j,
                        candidate.to_owned(),
                        Addressee::Org(candidate.to_owned()),
                    ));
                    break;
                }
            }
            match taken {
                Some((j, written, target)) => {
                    if !out.iter().any(|(w, _)| *w == written) {
                        out.push((written, target));
                    }
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Chapter restatements of the summary list, matched by wording.
fn restatements(ctx: &mut Ctx<'_>, report: &Report, list_heading: usize, end: usize) {
    for n in list_heading + 1..=end {
        let line = ctx.src.line(n);
        if !(line.starts_with('#') || line.starts_with("**")) {
            continue;
        }
        let text = plain(line.trim_start_matches('#'));
        let Some(cap) = RECOMMENDATION.captures(&text) else {
            continue;
        };
        let Some(body) = cap
            .get(2)
            .map(|m| m.as_str().trim())
            .filter(|b| !b.is_empty())
        else {
            continue;
        };
        let labelled: u32 = cap[1]
            .parse()
            .expect("one to three ASCII digits, as the regex reads them");
        let best = report
            .recommendations
            .iter()
            .map(|&number| {
                let canonical = ctx.out.nodes[&report.recommendation_key(number)]
                    .prop("text")
                    .unwrap_or("")
                    .to_owned();
                (similarity(&canonical, body), number)
            })
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((score, number)) if score >= 0.7 => {
                let key = report.recommendation_key(number);
                let span = ctx.src.quote_line(n, line.trim_start_matches('#').trim());
                let node = ctx.out.nodes.get_mut(&key).expect("listed");
                node.provenance.push(span);
                node.props.entry("body_number".to_owned()).or_insert_with(|| labelled.to_string());
                node.props.entry("body_text".to_owned()).or_insert_with(|| body.to_owned());
                if labelled != number {
                    ctx.warn(n, format!("the body labels recommendation {number} of {:?} as \"Recommendation {labelled}\"", report.title));
                }
            }
            _ => ctx.warn(n, format!("\"Recommendation {labelled}\" restated here matches none of the summary list of {:?}", report.title)),
        }
    }
}

/// Share of the shorter text's words found in the other (the overlap
/// coefficient over lower-case words), so a restatement that stops before the
/// list's bullet points still matches.
fn similarity(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> BTreeSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / smaller as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        addressees(&Orgs::default(), text)
            .into_iter()
            .map(|(w, _)| w)
            .collect()
    }

    #[test]
    fn subjects_of_should_are_addressees() {
        assert_eq!(
            names("His Majesty's Courts and Tribunals Service, the Magistrates Association and the London Probation Service should establish a mechanism. This information should be used by the London Probation Service."),
            vec!["His Majesty's Courts and Tribunals Service", "the Magistrates Association", "the London Probation Service"]
        );
        assert_eq!(
            names("By September 2023, the LAS and LFB should provide a report."),
            vec!["the LAS", "LFB"]
        );
        assert_eq!(
            names("The Met and MOPAC should develop a programme."),
            vec!["The Met", "MOPAC"]
        );
        assert_eq!(
            names("The Mayor, government and relevant partners should work to minimise it."),
            vec!["The Mayor"]
        );
        let post = addressees(
            &Orgs::default(),
            "The Deputy Mayor for Policing and Crime should make representations.",
        );
        assert!(
            matches!(&post[0].1, Addressee::Post(p) if p.name == "Deputy Mayor for Policing and Crime")
        );
    }

    #[test]
    fn similarity_tells_restatements_apart() {
        assert!(
            similarity(
                "MOPAC should fund projects for children",
                "MOPAC should fund projects for returning children"
            ) > 0.5
        );
        assert!(
            similarity(
                "MOPAC should fund projects",
                "The NPCC should keep a directory"
            ) < 0.3
        );
    }
}
