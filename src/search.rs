//! Full-text search over statements, recommendations, responses and
//! documents, with tantivy — and over every paragraph of every document
//! (kind `paragraph`, asked for by name): a paragraph hit is its document,
//! with the paragraph's lines as its source.
//!
//! The index is derived data: it is built from one graph snapshot, kept in
//! `{data-dir}/search/` beside the sled store, and rebuilt whole when the
//! store changes (another store's identity, or its generation moves on with an
//! ingest) or the index's layout changes. The
//! seed graph indexes in well under a second, so rebuilding is simpler and
//! safer than patching documents in place. Graphs built without a data
//! directory (tests, fixtures) get an index in memory on first search.
//!
//! What users type is tantivy's query language, checked first: words (all
//! must match), `"phrases"`, `AND` / `OR` / `NOT`, `+` / `-`, and `word*` for
//! every word starting so, which tantivy's parser lacks and we expand against
//! the term dictionary. Case and accents do not matter (lower-casing and ASCII
//! folding on both sides); English stop words are dropped on both sides, so
//! phrases keep their gaps. No stemming: "recommendation" does not find
//! "recommended", `recommend*` does.

use std::collections::BTreeMap;
use std::ops::{Bound, Range};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use petgraph::graph::NodeIndex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, INDEXED, STORED,
    STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer,
};
use tantivy::{Document as _, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::index::Graph;
use crate::model::{EdgeKind, NodeKind};
use crate::read::blocks::{outline, BlockKind};
use crate::store::DocumentRecord;
use crate::text::{plain, Source};

/// The kinds of node the index holds.
pub const SEARCHABLE: &[NodeKind] = &[
    NodeKind::Statement,
    NodeKind::Recommendation,
    NodeKind::Response,
    NodeKind::Document,
];

/// The kind a paragraph of a document is indexed under: not a node kind,
/// since a paragraph is no node of the graph.
pub const PARAGRAPH: &str = "paragraph";

/// Bumped whenever the schema or the analysis changes, so an index on disk
/// from an older build is rebuilt rather than misread.
const LAYOUT: u32 = 4;
/// The file beside the index naming the layout, the store (its identity) and
/// the store generation it holds; any difference rebuilds the index.
const STAMP: &str = "scrutiny-search-stamp";
/// The file beside the index listing what it holds: every unit (a node, or
/// the paragraphs of one document) by id, with a hash of what was indexed
/// for it, so the next snapshot re-indexes only the units that differ.
const UNITS: &str = "scrutiny-search-units.json";
/// Most words a `prefix*` may stand for; beyond, the prefix is too short to mean much.
pub const MAX_PREFIX_TERMS: usize = 200;
/// Most words, phrases and prefixes one search may hold: searches run on the
/// request's thread, so their size is bounded like everything else.
pub const MAX_TERMS: usize = 32;
/// Longest search text, in characters: a search is a few words, and
/// everything after this check (the grammar, the rewrites) walks it.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Deepest nesting of parentheses and unary operators (`NOT`, `+`, `-`) a
/// search may hold. The query grammar is recursive: without this bound,
/// two thousand "(" overflow a request thread's stack.
pub const MAX_NESTING: usize = 8;
/// Most terms after prefixes are expanded.
const MAX_EXPANDED: usize = 1_000;
/// Deepest hit a page may start at: ranking keeps `offset + limit` hits in
/// memory, so a forged cursor must not make it allocate without bound.
pub const MAX_OFFSET: usize = 10_000;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;
/// Heap for the one indexing thread (tantivy needs at least 15 MB per thread).
const WRITER_HEAP: usize = 50_000_000;
/// The analyzer of the text fields.
const FOLDED: &str = "folded";

/// Where the index of a data directory lives: `{data-dir}/search/`.
pub fn dir_for(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("search")
}

/// Why a search was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Nothing to search for.
    #[error("the search is empty: type some words, a \"phrase\" or a prefix*")]
    Empty,
    /// Every word was a stop word ("the", "of", "and"), which are not indexed.
    #[error("every word of {0:?} is too common to search for (stop words like \"the\", \"of\", \"and\" are not indexed); add a more specific word")]
    OnlyStopWords(String),
    /// The query does not parse.
    #[error("could not read the search {0:?}: check that quotes and parentheses are closed; the syntax is words, \"a phrase\", AND, OR, NOT, +word, -word, prefix*")]
    Syntax(String),
    /// The query parses but asks for something the search does not do.
    #[error("{0}")]
    Unsupported(String),
    /// More than [`MAX_TERMS`] words, or prefixes standing for too many in all.
    #[error("the search has {0} terms; at most {MAX_TERMS} words, phrases and prefixes (and {MAX_EXPANDED} words once prefixes are expanded)")]
    TooManyTerms(usize),
    /// Longer than [`MAX_QUERY_CHARS`].
    #[error("the search is {0} characters long; at most {MAX_QUERY_CHARS} are allowed")]
    TooLong(usize),
    /// Nested deeper than [`MAX_NESTING`].
    #[error("the search nests parentheses and NOT, + or - {0} deep; at most {MAX_NESTING} levels are allowed")]
    TooNested(usize),
    /// A page deeper than [`MAX_OFFSET`].
    #[error("search results are paged up to the {MAX_OFFSET}th hit; narrow the search with more words or filters")]
    TooDeep,
    /// A `prefix*` stands for too many words.
    #[error(
        "{prefix:?}* matches more than {MAX_PREFIX_TERMS} words; type more letters before the *"
    )]
    PrefixTooBroad {
        /// The prefix as typed.
        prefix: String,
    },
    /// The index could not be built or read (an I/O or tantivy failure).
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be prepared.
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
    /// The search engine failed on this query (a panic inside it, caught).
    #[error("the search engine failed on this search ({0}); try other words")]
    Engine(String),
}

impl SearchError {
    /// Whether the caller asked for something wrong (rather than the server failing).
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            SearchError::Index(_) | SearchError::Io(_) | SearchError::Engine(_)
        )
    }
}

/// Restrictions on hits, resolved to node keys by the caller. Every filter
/// given must hold.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Kinds of node (any of them); empty means all searchable kinds.
    pub kinds: Vec<NodeKind>,
    /// Whether paragraphs of documents are searched too (when `kinds` is
    /// empty: paragraphs alone).
    pub paragraphs: bool,
    /// The document (its node key) a hit comes from.
    pub document: Option<String>,
    /// The person who spoke or signed.
    pub speaker: Option<String>,
    /// An organisation the hit speaks for, responds for, is addressed to or is by.
    pub organisation: Option<String>,
    /// The meeting a statement was made at (or a document records).
    pub meeting: Option<String>,
    /// The report a hit belongs to, answers or mentions.
    pub report: Option<String>,
    /// Dated on or after.
    pub from: Option<NaiveDate>,
    /// Dated on or before.
    pub to: Option<NaiveDate>,
}

/// One piece of a snippet: highlighted (a matched word) or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The text of the piece.
    pub text: String,
    /// Whether it matched the query.
    pub highlighted: bool,
}

/// One ranked hit.
#[derive(Clone, Debug)]
pub struct Hit {
    /// The node found.
    pub idx: NodeIndex,
    /// Its BM25 score (higher is better; comparable within one search only).
    pub score: f32,
    /// The best passage of its text, in pieces.
    pub snippet: Vec<Part>,
    /// For a paragraph hit, the paragraph of the document `idx`.
    pub paragraph: Option<Paragraph>,
}

/// A paragraph found: its lines and their text as the document writes them
/// (the quote to cite), kept in the index so a hit needs no document text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub first_line: u32,
    pub last_line: u32,
    pub text: String,
}

/// One page of hits, best first, and how many there are in all.
#[derive(Clone, Debug)]
pub struct Hits {
    /// How many nodes match.
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<Hit>,
}

#[derive(Clone, Copy)]
struct Fields {
    /// The unit a document belongs to (see [`UNITS`]): what an update deletes by.
    unit: Field,
    key: Field,
    kind: Field,
    title: Field,
    body: Field,
    speaker: Field,
    organisation: Field,
    meeting: Field,
    report: Field,
    day: Field,
    document: Field,
    first_line: Field,
    last_line: Field,
    passage: Field,
}

/// A built index over one snapshot.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        unit: builder.add_text_field("unit", STRING),
        key: builder.add_text_field("key", STRING | STORED),
        kind: builder.add_text_field("kind", STRING),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("text", text),
        speaker: builder.add_text_field("speaker", STRING),
        organisation: builder.add_text_field("organisation", STRING),
        meeting: builder.add_text_field("meeting", STRING),
        report: builder.add_text_field("report", STRING),
        day: builder.add_u64_field("day", INDEXED),
        document: builder.add_text_field("document", STRING),
        first_line: builder.add_u64_field("first_line", STORED),
        last_line: builder.add_u64_field("last_line", STORED),
        passage: builder.add_text_field("passage", STORED),
    };
    (builder.build(), fields)
}

/// Words: split at anything not a letter or digit, lower-cased, accents
/// folded ("Schöne" = "schone"), very long tokens (base64, URLs) dropped.
fn words() -> tantivy::tokenizer::TextAnalyzerBuilder {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .dynamic()
}

fn register(index: &Index) {
    let stop = StopWordFilter::new(Language::English).expect("tantivy ships English stop words");
    index
        .tokenizers()
        .register(FOLDED, words().filter_dynamic(stop).build());
}

/// A date as a sortable number: 2023-03-08 → 20230308.
fn day_number(date: NaiveDate) -> u64 {
    date.year() as u64 * 10_000 + date.month() as u64 * 100 + date.day() as u64
}

impl SearchIndex {
    /// Opens the index in `dir` if it was built from this snapshot's
    /// generation with this layout. If it was built from an earlier
    /// generation of the same store, it is brought up to date in place:
    /// only the nodes and documents whose indexed content differs are
    /// re-indexed. Otherwise (another store, another layout, no list of
    /// units, an update cut short) it is rebuilt beside and swapped in.
    pub fn open_or_build(graph: &Graph, dir: &Path) -> Result<SearchIndex, SearchError> {
        let store = format!("layout {LAYOUT} store {} ", graph.store_identity);
        let stamp = format!("{store}generation {}", graph.generation);
        let current = std::fs::read_to_string(dir.join(STAMP)).ok();
        if current.as_deref() == Some(stamp.as_str()) {
            match Index::open_in_dir(dir)
                .map_err(SearchError::from)
                .and_then(Self::from_index)
            {
                Ok(found) => return Ok(found),
                Err(error) => tracing::warn!(%error, "search index unreadable; rebuilding"),
            }
        }
        if current.is_some_and(|c| c.starts_with(&store)) {
            match Self::update(graph, dir, &stamp) {
                Ok(updated) => return Ok(updated),
                Err(error) => tracing::warn!(%error, "search index not updated; rebuilding"),
            }
        }
        // Build beside, then swap in, so a crash never leaves half an index
        // stamped as whole.
        let building = dir.with_extension("building");
        if building.exists() {
            std::fs::remove_dir_all(&building)?;
        }
        std::fs::create_dir_all(&building)?;
        let (schema, _) = schema();
        let units = Self::fill(Index::create_in_dir(&building, schema)?, graph)?;
        write_units(&building, &units)?;
        std::fs::write(building.join(STAMP), stamp)?;
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::rename(&building, dir)?;
        Self::from_index(Index::open_in_dir(dir)?)
    }

    /// Re-indexes, in place, the units whose content differs from what the
    /// index in `dir` lists. The stamp is removed first and written last, so
    /// an update cut short is rebuilt whole next time.
    fn update(graph: &Graph, dir: &Path, stamp: &str) -> Result<SearchIndex, SearchError> {
        let listed = std::fs::read(dir.join(UNITS))?;
        let old: BTreeMap<String, String> = serde_json::from_slice(&listed)
            .map_err(|e| SearchError::Unsupported(format!("the list of indexed units: {e}")))?;
        let index = Index::open_in_dir(dir)?;
        register(&index);
        std::fs::remove_file(dir.join(STAMP))?;
        let (_, f) = schema();
        let units = units(graph, &f);
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_HEAP)?;
        let mut changed = 0usize;
        for id in old.keys().filter(|id| !units.contains_key(*id)) {
            writer.delete_term(Term::from_field_text(f.unit, id));
            changed += 1;
        }
        let mut hashes = BTreeMap::new();
        for (id, Hashed { unit, hash }) in units {
            if old.get(&id) != Some(&hash) {
                writer.delete_term(Term::from_field_text(f.unit, &id));
                for doc in unit.documents(&f) {
                    writer.add_document(doc)?;
                }
                changed += 1;
            }
            hashes.insert(id, hash);
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        write_units(dir, &hashes)?;
        std::fs::write(dir.join(STAMP), stamp)?;
        tracing::info!(units = hashes.len(), changed, "search index updated");
        Self::from_index(index)
    }

    /// Builds an index in memory.
    pub fn in_memory(graph: &Graph) -> Result<SearchIndex, SearchError> {
        let (schema, _) = schema();
        let index = Index::create_in_ram(schema);
        Self::fill(index.clone(), graph)?;
        Self::from_index(index)
    }

    fn from_index(index: Index) -> Result<SearchIndex, SearchError> {
        register(&index);
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Err(SearchError::Unsupported(
                "the search index on disk has another schema".to_owned(),
            ));
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// Indexes every unit of `graph`; the units' hashes, by id.
    fn fill(index: Index, graph: &Graph) -> Result<BTreeMap<String, String>, SearchError> {
        register(&index);
        let (_, f) = schema();
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_HEAP)?;
        let mut hashes = BTreeMap::new();
        for (id, Hashed { unit, hash }) in units(graph, &f) {
            for doc in unit.documents(&f) {
                writer.add_document(doc)?;
            }
            hashes.insert(id, hash);
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(hashes)
    }

    /// Runs a search: the `limit` best hits after skipping `offset`, and the total.
    ///
    /// A panic inside tantivy on some query is caught and answered as
    /// [`SearchError::Engine`]: fuzzing found one (a debug assertion of its
    /// phrase scorer, on a phrase of words split by runs of `&`), and a
    /// request must never take its connection down.
    pub fn search(
        &self,
        graph: &Graph,
        text: &str,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Hits, SearchError> {
        // The searcher and graph are only read: nothing is left half-changed.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.search_unguarded(graph, text, filters, offset, limit)
        }))
        .unwrap_or_else(|payload| {
            let message = crate::panic_message(payload.as_ref());
            tracing::error!(search = %text, %message, "the search engine panicked");
            Err(SearchError::Engine(message))
        })
    }

    fn search_unguarded(
        &self,
        graph: &Graph,
        text: &str,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Hits, SearchError> {
        if text.trim().is_empty() {
            return Err(SearchError::Empty);
        }
        if offset > MAX_OFFSET {
            return Err(SearchError::TooDeep);
        }
        check_size(text)?;
        let searcher = self.reader.searcher();
        let ast =
            query_grammar::parse_query(text).map_err(|_| SearchError::Syntax(text.to_owned()))?;
        let terms = leaves(&ast);
        if terms > MAX_TERMS {
            return Err(SearchError::TooManyTerms(terms));
        }
        let ast = self.rewrite(&searcher, ast)?;
        let expanded = leaves(&ast);
        if expanded > MAX_EXPANDED {
            return Err(SearchError::TooManyTerms(expanded));
        }
        if !self.has_words(&ast) {
            return Err(SearchError::OnlyStopWords(text.to_owned()));
        }
        let mut parser =
            QueryParser::for_index(&self.index, vec![self.fields.title, self.fields.body]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(self.fields.title, 2.0);
        let user = parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| SearchError::Unsupported(parser_message(&e)))?;
        let query = self.filtered(user.box_clone(), filters);
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let body = SnippetGenerator::create(&searcher, &*user, self.fields.body).map(|mut g| {
            g.set_max_num_chars(SNIPPET_CHARS);
            g
        })?;
        let title = SnippetGenerator::create(&searcher, &*user, self.fields.title)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(idx) = doc
                .get_first(self.fields.key)
                .and_then(|v| v.as_str())
                .and_then(|key| graph.get(key))
            else {
                continue; // The index is built from this snapshot; cannot happen.
            };
            let line = |field: Field| doc.get_first(field).and_then(|v| v.as_u64());
            let paragraph = line(self.fields.first_line)
                .zip(line(self.fields.last_line))
                .map(|(first, last)| Paragraph {
                    first_line: first as u32,
                    last_line: last as u32,
                    text: doc
                        .get_first(self.fields.passage)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned(),
                });
            let snippet = match &paragraph {
                Some(p) => passage_snippet(&plain(&p.text), &body),
                None => snippet(graph, idx, &body, &title),
            };
            hits.push(Hit {
                idx,
                score,
                snippet,
                paragraph,
            });
        }
        Ok(Hits { total, hits })
    }

    /// The user's query with every filter added as a required clause.
    fn filtered(&self, user: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
        let f = &self.fields;
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
        let mut kinds: Vec<&str> = filters.kinds.iter().map(|k| k.as_str()).collect();
        if filters.paragraphs {
            kinds.push(PARAGRAPH);
        }
        if kinds.is_empty() {
            // Paragraphs are searched when asked for: the nodes hold the
            // same words with who said them.
            clauses.push((Occur::MustNot, term(f.kind, PARAGRAPH)));
        } else {
            let any: Vec<(Occur, Box<dyn Query>)> = kinds
                .iter()
                .map(|k| (Occur::Should, term(f.kind, k)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for (field, value) in [
            (f.document, &filters.document),
            (f.speaker, &filters.speaker),
            (f.organisation, &filters.organisation),
            (f.meeting, &filters.meeting),
            (f.report, &filters.report),
        ] {
            if let Some(value) = value {
                clauses.push((Occur::Must, term(field, value)));
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |date: Option<NaiveDate>| match date {
                Some(d) => Bound::Included(Term::from_field_u64(f.day, day_number(d))),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(filters.from), bound(filters.to))),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Whether any leaf of the query keeps a word once stop words are dropped.
    fn has_words(&self, ast: &UserInputAst) -> bool {
        match ast {
            UserInputAst::Clause(clauses) => clauses.iter().any(|(_, sub)| self.has_words(sub)),
            UserInputAst::Boost(sub, _) => self.has_words(sub),
            UserInputAst::Leaf(leaf) => match leaf.as_ref() {
                UserInputLeaf::Literal(literal) => {
                    let Some(mut analyzer) = self.index.tokenizers().get(FOLDED) else {
                        return true;
                    };
                    let mut any = false;
                    analyzer
                        .token_stream(&literal.phrase)
                        .process(&mut |_| any = true);
                    any
                }
                _ => true,
            },
        }
    }

    /// Checks what users may ask for and expands `prefix*` words.
    fn rewrite(
        &self,
        searcher: &tantivy::Searcher,
        ast: UserInputAst,
    ) -> Result<UserInputAst, SearchError> {
        Ok(match ast {
            UserInputAst::Clause(clauses) => UserInputAst::Clause(
                clauses
                    .into_iter()
                    .map(|(occur, sub)| Ok((occur, self.rewrite(searcher, sub)?)))
                    .collect::<Result<_, SearchError>>()?,
            ),
            UserInputAst::Boost(sub, boost) => {
                UserInputAst::Boost(Box::new(self.rewrite(searcher, *sub)?), boost)
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(literal) => self.literal(searcher, literal)?,
                UserInputLeaf::All => UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
                _ => {
                    return Err(SearchError::Unsupported(
                        "ranges, sets, regular expressions and `field:*` are not supported in searches; use the filters for dates, kinds and people".to_owned(),
                    ))
                }
            },
        })
    }

    fn literal(
        &self,
        searcher: &tantivy::Searcher,
        literal: UserInputLiteral,
    ) -> Result<UserInputAst, SearchError> {
        if let Some(field) = &literal.field_name {
            if field != "title" && field != "text" {
                return Err(SearchError::Unsupported(format!(
                    "unknown field `{field}:`: searches look in `title:` and `text:`; use the filters for speaker, organisation, meeting, report and dates (write \\: for a colon inside a word)"
                )));
            }
        }
        let leaf = |literal: UserInputLiteral| UserInputAst::Leaf(Box::new(literal.into()));
        let Some(prefix) = literal
            .phrase
            .strip_suffix('*')
            .filter(|_| literal.delimiter == Delimiter::None && !literal.prefix)
        else {
            return Ok(leaf(literal));
        };
        // Normalise the prefix as the index did (without dropping stop words:
        // "the*" means "theft" too).
        let mut analyzer = words().build();
        let mut tokens = Vec::new();
        analyzer
            .token_stream(prefix)
            .process(&mut |t| tokens.push(t.text.clone()));
        let fields = match literal.field_name.as_deref() {
            Some("title") => vec![self.fields.title],
            Some(_) => vec![self.fields.body],
            None => vec![self.fields.title, self.fields.body],
        };
        match tokens.as_slice() {
            [] => Err(SearchError::Unsupported(format!(
                "{:?} has no letters or digits before the *",
                literal.phrase
            ))),
            // "co-op*" is several words: a phrase whose last word is a prefix.
            [_, _, ..] => Ok(leaf(UserInputLiteral {
                phrase: tokens.join(" "),
                delimiter: Delimiter::DoubleQuotes,
                prefix: true,
                ..literal
            })),
            [word] => {
                let mut clauses = Vec::new();
                for field in fields {
                    let name = self.index.schema().get_field_name(field).to_owned();
                    for term in expand(searcher, field, word)? {
                        clauses.push((
                            Some(query_grammar::Occur::Should),
                            leaf(UserInputLiteral {
                                field_name: Some(name.clone()),
                                phrase: term,
                                delimiter: Delimiter::DoubleQuotes,
                                slop: 0,
                                prefix: false,
                            }),
                        ));
                    }
                }
                if clauses.len() > 2 * MAX_PREFIX_TERMS {
                    return Err(SearchError::PrefixTooBroad {
                        prefix: prefix.to_owned(),
                    });
                }
                if clauses.is_empty() {
                    // No word starts so: search the prefix as a word, which
                    // finds nothing but keeps the query's shape.
                    return Ok(leaf(UserInputLiteral {
                        phrase: word.clone(),
                        ..literal
                    }));
                }
                Ok(UserInputAst::Clause(clauses))
            }
        }
    }
}

/// How many leaves (words, phrases, prefixes) a query has.
fn leaves(ast: &UserInputAst) -> usize {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().map(|(_, sub)| leaves(sub)).sum(),
        UserInputAst::Boost(sub, _) => leaves(sub),
        UserInputAst::Leaf(_) => 1,
    }
}

/// The indexed words of `field` starting with `prefix`, across segments.
fn expand(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
) -> Result<Vec<String>, SearchError> {
    let mut found = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()?;
        while let Some((key, _)) = stream.next() {
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            found.insert(String::from_utf8_lossy(key).into_owned());
            if found.len() > MAX_PREFIX_TERMS {
                return Err(SearchError::PrefixTooBroad {
                    prefix: prefix.to_owned(),
                });
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// Refuses a search too long or too deeply nested to parse safely, in one
/// pass over its characters (before the recursive grammar sees it).
fn check_size(text: &str) -> Result<(), SearchError> {
    let chars = text.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::TooLong(chars));
    }
    let depth = nesting(text);
    if depth > MAX_NESTING {
        return Err(SearchError::TooNested(depth));
    }
    Ok(())
}

/// How deep a search nests: open parentheses, plus the unary operators
/// (`NOT`, a leading `+` or `-`) stacked in front of the next term. Quoted
/// phrases are one term.
fn nesting(text: &str) -> usize {
    let (mut depth, mut unary, mut deepest) = (0usize, 0usize, 0usize);
    let mut quoted = false;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        let mut rest = word.trim_end_matches(char::is_whitespace);
        if quoted {
            quoted = rest.matches('"').count() % 2 == 0;
            continue;
        }
        if rest == "NOT" {
            unary += 1;
        } else {
            while let Some(tail) = rest.strip_prefix(['+', '-']) {
                unary += 1;
                rest = tail;
            }
            if let Some(open) = rest.strip_suffix('(') {
                if !open.is_empty() {
                    unary = 0; // "field:(" — a term before the parenthesis
                }
                depth += 1;
            } else if rest.ends_with(')') {
                depth = depth.saturating_sub(1);
                unary = 0;
            } else if !rest.is_empty() {
                quoted = rest.matches('"').count() % 2 == 1;
                deepest = deepest.max(depth + unary);
                unary = 0;
            }
        }
        deepest = deepest.max(depth + unary);
    }
    deepest
}

fn parser_message(error: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::AllButQueryForbidden => {
            "a search cannot only exclude words: add a word to look for".to_owned()
        }
        E::PhrasePrefixRequiresAtLeastTwoTerms { phrase, .. } => {
            format!("\"{phrase}\"* needs at least two words; for one word write {phrase}*")
        }
        other => format!("cannot run this search: {other}"),
    }
}

/// The paragraphs of a document (paragraphs, list items, headings, table
/// rows of its outline), each indexed with its lines, under the document's
/// key; markup is stripped from the indexed text.
fn paragraphs(record: &DocumentRecord, f: &Fields) -> Vec<TantivyDocument> {
    let src = Source::new(&record.meta.id, &record.text);
    let key = crate::keys::document(&record.meta.id);
    let day = record
        .meta
        .date
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok());
    outline(&src)
        .into_iter()
        .filter(|b| b.kind != BlockKind::Directive)
        .filter_map(|block| {
            let written = src.lines_text(block.first, block.last);
            let text = plain(written);
            if text.trim().is_empty() {
                return None;
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(f.unit, paragraphs_unit(record));
            doc.add_text(f.key, &key);
            doc.add_text(f.kind, PARAGRAPH);
            doc.add_text(f.document, &key);
            doc.add_text(f.body, &text);
            doc.add_u64(f.first_line, block.first as u64);
            doc.add_u64(f.last_line, block.last as u64);
            doc.add_text(f.passage, written);
            if let Some(day) = day {
                doc.add_u64(f.day, day_number(day));
            }
            Some(doc)
        })
        .collect()
}

/// The best passage of a paragraph's text.
fn passage_snippet(text: &str, body: &SnippetGenerator) -> Vec<Part> {
    let found = body.snippet(text);
    if found.fragment().is_empty() {
        return vec![Part {
            text: text.chars().take(SNIPPET_CHARS).collect(),
            highlighted: false,
        }];
    }
    parts(found.fragment(), found.highlighted())
}

/// What an index holds for one node, or for the paragraphs of one source
/// document: the unit an update replaces whole.
enum Unit<'g> {
    Node(TantivyDocument),
    Paragraphs(&'g DocumentRecord),
}

/// A unit and the hash of its indexed content.
struct Hashed<'g> {
    unit: Unit<'g>,
    hash: String,
}

impl Unit<'_> {
    /// The index documents of the unit.
    fn documents(self, f: &Fields) -> Vec<TantivyDocument> {
        match self {
            Unit::Node(doc) => vec![doc],
            Unit::Paragraphs(record) => paragraphs(record, f),
        }
    }
}

/// Every unit of `graph`, by id. A node's hash is that of the document
/// indexed for it, which holds what other nodes lend it (speaker, meeting,
/// report), so a change elsewhere that alters it re-indexes it. Paragraphs
/// depend on their document alone: its text's hash and its date stand for
/// them, so unchanged documents are not even split again.
fn units<'g>(graph: &'g Graph, f: &Fields) -> BTreeMap<String, Hashed<'g>> {
    let (schema, _) = schema();
    let mut out = BTreeMap::new();
    for &kind in SEARCHABLE {
        for &idx in graph.of_kind(kind) {
            let doc = document(graph, idx, f);
            let hash = crate::text::sha256_hex(doc.to_json(&schema).as_bytes());
            let id = graph.node(idx).key.clone();
            out.insert(
                id,
                Hashed {
                    unit: Unit::Node(doc),
                    hash,
                },
            );
        }
    }
    for record in graph.documents() {
        let id = paragraphs_unit(record);
        let content = format!("{} {:?}", record.sha256, record.meta.date);
        let hash = crate::text::sha256_hex(content.as_bytes());
        out.insert(
            id,
            Hashed {
                unit: Unit::Paragraphs(record),
                hash,
            },
        );
    }
    out
}

/// The unit id of a document's paragraphs (a node key never has a space).
fn paragraphs_unit(record: &DocumentRecord) -> String {
    format!("paragraphs {}", record.meta.id)
}

fn write_units(dir: &Path, units: &BTreeMap<String, String>) -> Result<(), SearchError> {
    let json = serde_json::to_vec(units).expect("strings always serialise");
    std::fs::write(dir.join(UNITS), json)?;
    Ok(())
}

/// What is indexed for one node.
fn document(graph: &Graph, idx: NodeIndex, f: &Fields) -> TantivyDocument {
    let node = graph.node(idx);
    let mut doc = TantivyDocument::default();
    doc.add_text(f.unit, &node.key);
    doc.add_text(f.key, &node.key);
    let mut sources: Vec<&str> = node
        .provenance
        .iter()
        .map(|s| s.document.as_str())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    for id in sources {
        doc.add_text(f.document, crate::keys::document(id));
    }
    doc.add_text(f.kind, node.kind.as_str());
    doc.add_text(f.title, &node.name);
    for alias in &node.aliases {
        doc.add_text(f.title, alias);
    }
    if let Some(text) = node.prop("text") {
        doc.add_text(f.body, text);
    }
    if let Some(day) = node.prop("date").and_then(|d| d.parse::<NaiveDate>().ok()) {
        doc.add_u64(f.day, day_number(day));
    }
    let mut add = |field: Field, targets: Vec<NodeIndex>| {
        for target in targets {
            doc.add_text(field, &graph.node(target).key);
        }
    };
    let is_report = |i: &NodeIndex| graph.node(*i).prop("kind") == Some("report");
    match node.kind {
        NodeKind::Statement => {
            add(f.speaker, graph.incoming(idx, EdgeKind::Spoke));
            add(f.organisation, graph.out(idx, EdgeKind::SpeakingFor));
            add(f.meeting, graph.out(idx, EdgeKind::AtMeeting));
            let mut reports = graph.out(idx, EdgeKind::Mentions);
            reports.extend(graph.out(idx, EdgeKind::InDocument));
            reports.retain(is_report);
            add(f.report, reports);
        }
        NodeKind::Recommendation => {
            add(f.organisation, graph.out(idx, EdgeKind::AddressedTo));
            add(f.report, graph.incoming(idx, EdgeKind::Recommends));
        }
        NodeKind::Response => {
            add(f.organisation, graph.out(idx, EdgeKind::Respondent));
            add(f.speaker, graph.out(idx, EdgeKind::SignedBy));
            let answered = graph.out(idx, EdgeKind::RespondsTo);
            let mut reports: Vec<NodeIndex> = answered
                .iter()
                .flat_map(|&r| graph.incoming(r, EdgeKind::Recommends))
                .collect();
            reports.extend(answered.into_iter().filter(is_report));
            add(f.report, reports);
        }
        NodeKind::Document => {
            for kind in [EdgeKind::AuthoredBy, EdgeKind::PublishedBy] {
                let by = graph.out(idx, kind);
                let (people, orgs): (Vec<_>, Vec<_>) = by
                    .into_iter()
                    .partition(|&i| graph.node(i).kind == NodeKind::Person);
                add(f.speaker, people);
                add(f.organisation, orgs);
            }
            add(f.speaker, graph.out(idx, EdgeKind::SignedBy));
            add(f.meeting, graph.out(idx, EdgeKind::Records));
            let mut reports = graph.out(idx, EdgeKind::Mentions);
            reports.retain(is_report);
            if is_report(&idx) {
                reports.push(idx);
            }
            add(f.report, reports);
        }
        _ => {}
    }
    doc
}

/// The best passage of the node's text, or of its name when only the name matched.
fn snippet(
    graph: &Graph,
    idx: NodeIndex,
    body: &SnippetGenerator,
    title: &SnippetGenerator,
) -> Vec<Part> {
    let node = graph.node(idx);
    let text = node.prop("text").unwrap_or("");
    let found = body.snippet(text);
    let found = if found.highlighted().is_empty() {
        let named = title.snippet(&node.name);
        if named.highlighted().is_empty() && !text.is_empty() {
            found
        } else {
            named
        }
    } else {
        found
    };
    let fragment = found.fragment();
    if fragment.is_empty() {
        // Nothing highlighted (a `*` search): the start of the text.
        let start: String = text.chars().take(SNIPPET_CHARS).collect();
        let start = if start.is_empty() {
            node.name.clone()
        } else {
            start
        };
        return vec![Part {
            text: start,
            highlighted: false,
        }];
    }
    parts(fragment, found.highlighted())
}

/// Splits a fragment at its highlighted byte ranges.
fn parts(fragment: &str, highlighted: &[Range<usize>]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut at = 0;
    for range in highlighted {
        if range.start > at {
            parts.push(Part {
                text: fragment[at..range.start].to_owned(),
                highlighted: false,
            });
        }
        parts.push(Part {
            text: fragment[range.clone()].to_owned(),
            highlighted: true,
        });
        at = range.end;
    }
    if at < fragment.len() {
        parts.push(Part {
            text: fragment[at..].to_owned(),
            highlighted: false,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_fragment() {
        let got = parts("the cat sat down", &[4..7, 8..11]);
        assert_eq!(
            got.iter().map(|p| p.text.as_str()).collect::<String>(),
            "the cat sat down"
        );
        assert_eq!(got.iter().filter(|p| p.highlighted).count(), 2);
        assert_eq!((got[1].text.as_str(), got[3].text.as_str()), ("cat", "sat"));
    }

    #[test]
    fn days_sort_as_dates() {
        let a = day_number(NaiveDate::from_ymd_opt(2023, 3, 8).unwrap());
        let b = day_number(NaiveDate::from_ymd_opt(2023, 11, 1).unwrap());
        assert_eq!(a, 20230308);
        assert!(a < b);
    }
}
