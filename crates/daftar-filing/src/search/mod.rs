//! Full-text search over e-filing documents (subjects, notes, receipts,
//! drafts) in English and Urdu, backed by tantivy.
//!
//! Text is folded by [`normalise`] both when indexing (through a custom
//! tokenizer, so stored text keeps its original spelling and snippets are cut
//! from it) and when querying. User input is never given to tantivy's query
//! parser: the query is built from plain term queries, so no input can be a
//! syntax error.

mod normalise;

use normalise::DaftarTokenizer;

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query as TQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

pub use normalise::normalise;

/// Name of the tokenizer; bump the suffix whenever folding rules change so an
/// existing index is detected as stale (schema differs) and rebuilt.
const TOKENIZER: &str = "daftar_v1";
const DEFAULT_HEAP_BYTES: usize = 50_000_000;
const TITLE_BOOST: f32 = 2.0;
/// Constant score of a prefix-only match of the last query word.
const PREFIX_SCORE: f32 = 0.5;
const PREFIX_MIN_CHARS: usize = 3;
const PREFIX_MAX_EXPANSIONS: u64 = 50;
const MAX_QUERY_WORDS: usize = 16;
const MAX_LIMIT: usize = 1000;
/// Snippet length in bytes (tantivy measures fragments in bytes).
const SNIPPET_BYTES: usize = 240;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad search query: {0}")]
    BadQuery(String),
    #[error("invalid document: {0}")]
    InvalidDoc(String),
    #[error("corrupt stored document: {0}")]
    Corrupt(String),
}

pub type Result<T> = std::result::Result<T, SearchError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    Subject,
    Note,
    Receipt,
    Draft,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [Self::Subject, Self::Note, Self::Receipt, Self::Draft];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subject => "subject",
            Self::Note => "note",
            Self::Receipt => "receipt",
            Self::Draft => "draft",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug)]
pub struct Doc {
    /// Province id; every query is confined to one tenant.
    pub tenant: String,
    /// Unique key (e.g. `note:<uuid>`); upsert replaces by it.
    pub doc_id: String,
    /// The file it belongs to (`None` for a receipt not on a file).
    pub file_id: Option<String>,
    pub kind: DocKind,
    pub confidential: bool,
    /// Office code (exact-match filter).
    pub department: String,
    /// E.g. file number + subject; searched (boosted) and stored.
    pub title: String,
    /// Body; searched; snippets are cut from it.
    pub text: String,
    /// RFC 3339 instant, stored only.
    pub at: String,
}

#[derive(Clone, Debug)]
pub struct Hit {
    pub doc_id: String,
    pub file_id: Option<String>,
    pub kind: DocKind,
    pub title: String,
    pub snippet: String,
    pub at: String,
    pub score: f32,
}

#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    pub tenant: &'a str,
    /// Free text; any punctuation is fine. At most 16 distinct words are used.
    pub text: &'a str,
    /// Empty = all kinds.
    pub kinds: &'a [DocKind],
    pub department: Option<&'a str>,
    /// File ids of confidential files this reader may see.
    pub allowed_confidential: &'a [String],
    /// Capped at 1000.
    pub limit: usize,
}

#[derive(Clone, Copy)]
struct Fields {
    tenant: Field,
    doc_id: Field,
    file_id: Field,
    kind: Field,
    department: Field,
    confidential: Field,
    title: Field,
    text: Field,
    at: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let f = Fields {
        tenant: b.add_text_field("tenant", STRING | STORED),
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        file_id: b.add_text_field("file_id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        department: b.add_text_field("department", STRING | STORED),
        confidential: b.add_text_field("confidential", STRING),
        title: b.add_text_field("title", words.clone()),
        text: b.add_text_field("text", words),
        at: b.add_text_field("at", STORED),
    };
    (b.build(), f)
}

/// The search index. `Send + Sync`; share it in an `Arc`.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    /// `None` only transiently, while [`Index::wait_for_merges`] runs or
    /// after it, until the next write re-creates the writer.
    writer: Mutex<Option<IndexWriter>>,
    heap_bytes: usize,
    f: Fields,
    created: bool,
}

impl Index {
    /// Opens the index in `dir`, creating the directory and an empty index if
    /// missing. An index with a different schema (or of an incompatible
    /// tantivy version) is wiped and recreated; [`Index::was_created`] then
    /// tells the caller to reindex.
    pub fn open(dir: &Path) -> Result<Index> {
        Self::open_with_heap(dir, DEFAULT_HEAP_BYTES)
    }

    /// Like [`Index::open`] with a writer memory budget of `heap_bytes`
    /// (at least 15 MB; larger is faster for bulk indexing).
    pub fn open_with_heap(dir: &Path, heap_bytes: usize) -> Result<Index> {
        std::fs::create_dir_all(dir)?;
        let (schema, f) = schema();
        let mut created = false;
        let mmap = MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let existing = if tantivy::Index::exists(&mmap).map_err(tantivy::TantivyError::from)? {
            match tantivy::Index::open_in_dir(dir) {
                Ok(index) if index.schema() == schema => Some(index),
                Ok(_) | Err(tantivy::TantivyError::IncompatibleIndex(_)) => {
                    wipe_dir(dir)?;
                    None
                }
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        let index = match existing {
            Some(index) => index,
            None => {
                created = true;
                tantivy::Index::create_in_dir(dir, schema)?
            }
        };
        Self::from_index(index, f, created, heap_bytes)
    }

    /// A fresh index held in memory (tests, small tools).
    pub fn in_memory() -> Result<Index> {
        let (schema, f) = schema();
        let index = tantivy::Index::create_in_ram(schema);
        Self::from_index(index, f, true, DEFAULT_HEAP_BYTES)
    }

    fn from_index(
        index: tantivy::Index,
        f: Fields,
        created: bool,
        heap_bytes: usize,
    ) -> Result<Index> {
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::from(DaftarTokenizer));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer_with_num_threads(1, heap_bytes)?;
        Ok(Index {
            index,
            reader,
            writer: Mutex::new(Some(writer)),
            heap_bytes,
            f,
            created,
        })
    }

    /// True if `open` created a new (or wiped a stale) index: the caller must
    /// reindex everything.
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Adds or replaces (by `doc_id`) the documents, in one commit. They are
    /// searchable when this returns.
    pub fn upsert(&self, docs: &[Doc]) -> Result<()> {
        for d in docs {
            if d.tenant.is_empty() || d.doc_id.is_empty() {
                return Err(SearchError::InvalidDoc(format!(
                    "empty tenant or doc_id (doc_id {:?})",
                    d.doc_id
                )));
            }
        }
        self.write(|w| self.add_docs(w, docs))
    }

    /// Removes the documents with these ids (unknown ids are ignored).
    pub fn delete(&self, doc_ids: &[String]) -> Result<()> {
        self.write(|w| {
            for id in doc_ids {
                w.delete_term(Term::from_field_text(self.f.doc_id, id));
            }
            Ok(())
        })
    }

    /// Marks every document of `file_id` (in any tenant) confidential or not,
    /// re-indexing them from their stored fields.
    pub fn set_confidential(&self, file_id: &str, confidential: bool) -> Result<()> {
        self.write(|w| {
            // Under the writer lock the reader shows the last commit, so the
            // stored documents read here are current.
            let searcher = self.reader.searcher();
            let q = TermQuery::new(
                Term::from_field_text(self.f.file_id, file_id),
                IndexRecordOption::Basic,
            );
            let mut docs = Vec::new();
            for addr in searcher.search(&q, &DocSetCollector)? {
                let stored: TantivyDocument = searcher.doc(addr)?;
                let mut doc = self.stored_doc(&stored)?;
                doc.confidential = confidential;
                docs.push(doc);
            }
            self.add_docs(w, &docs)
        })
    }

    /// Waits for background segment merges to finish (e.g. after a bulk
    /// load or before shutdown). The writer is re-created on the next write.
    pub fn wait_for_merges(&self) -> Result<()> {
        // Keep the lock while waiting: the old writer holds the directory
        // lock until its merges end, so a new one could not be created.
        let mut guard = self.lock_writer()?;
        if let Some(w) = guard.take() {
            w.wait_merging_threads()?;
        }
        drop(guard);
        self.reader.reload()?;
        Ok(())
    }

    /// Number of index segments currently searchable (diagnostics).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Searches one tenant; see [`Query`]. All words must match (in the title
    /// or the text); the last word of 3+ chars also matches as a prefix.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>> {
        if q.tenant.is_empty() {
            return Err(SearchError::BadQuery("empty tenant".into()));
        }
        let mut seen = HashSet::new();
        let mut words: Vec<String> = normalise::words(q.text)
            .into_iter()
            .filter(|w| seen.insert(w.clone()))
            .collect();
        words.truncate(MAX_QUERY_WORDS);
        let limit = q.limit.min(MAX_LIMIT);
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let query = self.build_query(q, &words);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let snippets = self.snippet_generator(&searcher, &words)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let stored: TantivyDocument = searcher.doc(addr)?;
            let d = self.stored_doc(&stored)?;
            let snippet = snippets.snippet(&d.text).fragment().to_string();
            hits.push(Hit {
                snippet: if snippet.is_empty() {
                    leading(&d.text)
                } else {
                    snippet
                },
                doc_id: d.doc_id,
                file_id: d.file_id,
                kind: d.kind,
                title: d.title,
                at: d.at,
                score,
            });
        }
        Ok(hits)
    }

    /// Number of live documents of `tenant`.
    pub fn count(&self, tenant: &str) -> Result<u64> {
        let q = TermQuery::new(
            Term::from_field_text(self.f.tenant, tenant),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&q, &Count)? as u64)
    }

    fn build_query(&self, q: &Query, words: &[String]) -> BooleanQuery {
        let f = self.f;
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let last = words.len() - 1;
        for (i, w) in words.iter().enumerate() {
            let mut alts: Vec<(Occur, Box<dyn TQuery>)> = vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(scored(f.title, w)), TITLE_BOOST)),
                ),
                (Occur::Should, Box::new(scored(f.text, w))),
            ];
            if i == last && w.chars().count() >= PREFIX_MIN_CHARS {
                // Longer words starting with `w`; `w` itself is matched (and
                // BM25-scored) by the term queries above.
                let past = format!("{w}{}", char::MAX);
                for field in [f.title, f.text] {
                    let mut p = InvertedIndexRangeQuery::new(
                        Bound::Excluded(Term::from_field_text(field, w)),
                        Bound::Excluded(Term::from_field_text(field, &past)),
                    );
                    p.limit(PREFIX_MAX_EXPANSIONS);
                    alts.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(p), PREFIX_SCORE)),
                    ));
                }
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alts))));
        }
        clauses.push(filter(exact(f.tenant, q.tenant)));
        let kinds: HashSet<DocKind> = q.kinds.iter().copied().collect();
        if !kinds.is_empty() && kinds.len() < DocKind::ALL.len() {
            let any: Vec<(Occur, Box<dyn TQuery>)> = kinds
                .iter()
                .map(|k| {
                    (
                        Occur::Should,
                        Box::new(exact(f.kind, k.as_str())) as Box<dyn TQuery>,
                    )
                })
                .collect();
            clauses.push(filter(BooleanQuery::new(any)));
        }
        if let Some(dept) = q.department {
            clauses.push(filter(exact(f.department, dept)));
        }
        // Hide confidential documents unless their file is allowed.
        let confidential = exact(f.confidential, "1");
        let hidden: Box<dyn TQuery> = if q.allowed_confidential.is_empty() {
            Box::new(confidential)
        } else {
            let allowed = TermSetQuery::new(
                q.allowed_confidential
                    .iter()
                    .map(|id| Term::from_field_text(f.file_id, id)),
            );
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(confidential) as Box<dyn TQuery>),
                (Occur::MustNot, Box::new(allowed)),
            ]))
        };
        clauses.push((Occur::MustNot, hidden));
        BooleanQuery::new(clauses)
    }

    fn snippet_generator(&self, searcher: &Searcher, words: &[String]) -> Result<SnippetGenerator> {
        let terms: BTreeMap<String, f32> = words.iter().map(|w| (w.clone(), 1.0)).collect();
        let analyzer = searcher.index().tokenizer_for_field(self.f.text)?;
        Ok(SnippetGenerator::new(
            terms,
            analyzer,
            self.f.text,
            SNIPPET_BYTES,
        ))
    }

    fn add_docs(&self, w: &IndexWriter, docs: &[Doc]) -> Result<()> {
        let f = self.f;
        for d in docs {
            w.delete_term(Term::from_field_text(f.doc_id, &d.doc_id));
            let mut t = TantivyDocument::default();
            t.add_text(f.tenant, &d.tenant);
            t.add_text(f.doc_id, &d.doc_id);
            if let Some(file_id) = &d.file_id {
                t.add_text(f.file_id, file_id);
            }
            t.add_text(f.kind, d.kind.as_str());
            t.add_text(f.department, &d.department);
            t.add_text(f.confidential, if d.confidential { "1" } else { "0" });
            t.add_text(f.title, &d.title);
            t.add_text(f.text, &d.text);
            t.add_text(f.at, &d.at);
            w.add_document(t)?;
        }
        Ok(())
    }

    /// Rebuilds a [`Doc`] from stored fields (`confidential` is not stored
    /// and comes back as `false`).
    fn stored_doc(&self, t: &TantivyDocument) -> Result<Doc> {
        let f = self.f;
        let get = |field: Field| {
            t.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let kind_str = get(f.kind).unwrap_or_default();
        let kind = DocKind::parse(&kind_str)
            .ok_or_else(|| SearchError::Corrupt(format!("unknown kind {kind_str:?}")))?;
        Ok(Doc {
            tenant: get(f.tenant).unwrap_or_default(),
            doc_id: get(f.doc_id).unwrap_or_default(),
            file_id: get(f.file_id),
            kind,
            confidential: false,
            department: get(f.department).unwrap_or_default(),
            title: get(f.title).unwrap_or_default(),
            text: get(f.text).unwrap_or_default(),
            at: get(f.at).unwrap_or_default(),
        })
    }

    fn lock_writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        match self.writer.lock() {
            Ok(guard) => Ok(guard),
            Err(poisoned) => {
                // A panic mid-batch: discard its uncommitted operations.
                self.writer.clear_poison();
                let mut guard = poisoned.into_inner();
                if let Some(w) = guard.as_mut() {
                    w.rollback()?;
                }
                Ok(guard)
            }
        }
    }

    /// Runs `ops` on the writer, then commits and reloads the reader; on
    /// error, rolls the uncommitted operations back.
    fn write(&self, ops: impl FnOnce(&IndexWriter) -> Result<()>) -> Result<()> {
        let mut guard = self.lock_writer()?;
        let w = match &mut *guard {
            Some(w) => w,
            slot @ None => slot.insert(self.index.writer_with_num_threads(1, self.heap_bytes)?),
        };
        let done = ops(w).and_then(|()| w.commit().map_err(SearchError::from));
        if let Err(e) = done {
            // Keep the original error; a failed rollback surfaces next time.
            let _ = w.rollback();
            return Err(e);
        }
        self.reader.reload()?;
        Ok(())
    }
}

fn wipe_dir(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn scored(field: Field, word: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    )
}

fn exact(field: Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

/// A required clause that does not affect the score.
fn filter(q: impl TQuery) -> (Occur, Box<dyn TQuery>) {
    (
        Occur::Must,
        Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
    )
}

/// The start of `text`, cut at a char boundary, for hits matched by title only.
fn leading(text: &str) -> String {
    if text.len() <= SNIPPET_BYTES {
        return text.to_string();
    }
    let mut end = SNIPPET_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

#[cfg(test)]
mod tests;
