-- e-FOAS: the province's configuration from its pack, officers on posts with their
-- signing keys, dak (receipts), files with their notes, papers, movements and path,
-- drafts for approval with their versions, the dispatch register, gap-free numbers,
-- and the queue of changes the search index has yet to take.

CREATE TABLE filing_config (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    body TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

-- The account holding a post now (one account may hold several posts: additional charge).
CREATE TABLE filing_officers (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    post TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    since TEXT NOT NULL,
    PRIMARY KEY (tenant_id, post)
);
CREATE INDEX filing_officers_user ON filing_officers (tenant_id, user_id);

-- An officer's ed25519 key; notes they seal are signed with it.
CREATE TABLE filing_keys (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    key_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key_id)
);
CREATE UNIQUE INDEX filing_keys_user ON filing_keys (tenant_id, user_id);

-- Gap-free numbers: diary (per office and year), files (per section and year), dispatch.
CREATE TABLE filing_sequences (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    scope TEXT NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, scope, year)
);

CREATE TABLE filing_files (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    office TEXT NOT NULL,
    section TEXT NOT NULL,
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    number TEXT NOT NULL,
    subject TEXT NOT NULL,
    record_class TEXT NOT NULL,
    confidential BIGINT NOT NULL,
    status TEXT NOT NULL,
    holder_post TEXT NOT NULL,
    held_since TEXT NOT NULL,
    sent_by_post TEXT,
    opened_at TEXT,
    due_on TEXT,
    priority BIGINT NOT NULL,
    parent_id TEXT,
    part_no BIGINT NOT NULL,
    notes_sealed BIGINT NOT NULL,
    paras BIGINT NOT NULL,
    papers BIGINT NOT NULL,
    last_hash TEXT NOT NULL,
    version BIGINT NOT NULL,
    opened_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_on TEXT,
    review_on TEXT,
    remarks TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);
CREATE INDEX filing_files_holder ON filing_files (tenant_id, holder_post, status);
-- Pendency reads a department's open files from this index alone.
CREATE INDEX filing_files_pending ON filing_files (tenant_id, office, status, holder_post, section, priority, held_since, due_on, id);
CREATE INDEX filing_files_register ON filing_files (tenant_id, office, section, year, seq);

CREATE TABLE filing_receipts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    office TEXT NOT NULL,
    year BIGINT NOT NULL,
    diary_no BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    sender TEXT NOT NULL,
    letter_no TEXT NOT NULL,
    letter_date TEXT,
    subject TEXT NOT NULL,
    category TEXT NOT NULL,
    priority BIGINT NOT NULL,
    status TEXT NOT NULL,
    holder_post TEXT NOT NULL,
    held_since TEXT NOT NULL,
    acknowledged_at TEXT,
    due_on TEXT,
    file_id TEXT,
    closed_reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, office, year, diary_no)
);
CREATE INDEX filing_receipts_holder ON filing_receipts (tenant_id, holder_post, status);
CREATE INDEX filing_receipts_pending ON filing_receipts (tenant_id, office, status, holder_post, priority, held_since, due_on, id);

-- Scans of a receipt (content-addressed blobs).
CREATE TABLE filing_attachments (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    receipt_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX filing_attachments_receipt ON filing_attachments (tenant_id, receipt_id);

-- Notes: a draft (seq NULL) while its author holds the file; sealed, numbered, chained
-- and signed once the file moves on.
CREATE TABLE filing_notes (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    seq BIGINT,
    first_para BIGINT,
    author_user TEXT NOT NULL,
    author_post TEXT NOT NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sealed_at TEXT,
    prev_hash TEXT,
    hash TEXT,
    key_id TEXT,
    signature TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX filing_notes_seq ON filing_notes (tenant_id, file_id, seq);
CREATE INDEX filing_notes_file ON filing_notes (tenant_id, file_id, created_at);

-- The correspondence side: receipts put on the file and letters issued from it, flagged.
CREATE TABLE filing_papers (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    file_id TEXT NOT NULL,
    flag TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    title TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, file_id, flag)
);

CREATE TABLE filing_movements (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    file_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    action TEXT NOT NULL,
    from_post TEXT NOT NULL,
    to_post TEXT NOT NULL,
    by_user TEXT NOT NULL,
    remarks TEXT NOT NULL,
    due_on TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, file_id, seq)
);

-- Every post a file has been with: a confidential file is found by these and their seniors.
CREATE TABLE filing_path (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    file_id TEXT NOT NULL,
    post TEXT NOT NULL,
    PRIMARY KEY (tenant_id, file_id, post)
);
CREATE INDEX filing_path_post ON filing_path (tenant_id, post);

CREATE TABLE filing_links (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    file_id TEXT NOT NULL,
    other_id TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, file_id, other_id)
);

CREATE TABLE filing_drafts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    addressee TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    approved_by TEXT,
    approved_at TEXT,
    dispatch_no TEXT,
    issued_at TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX filing_drafts_file ON filing_drafts (tenant_id, file_id);

CREATE TABLE filing_draft_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    draft_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    body TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, draft_id, version)
);

CREATE TABLE filing_dispatches (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    office TEXT NOT NULL,
    year BIGINT NOT NULL,
    serial BIGINT NOT NULL,
    number TEXT NOT NULL,
    draft_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    addressee TEXT NOT NULL,
    subject TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    PRIMARY KEY (tenant_id, office, year, serial)
);
CREATE UNIQUE INDEX filing_dispatches_draft ON filing_dispatches (tenant_id, draft_id);

-- What the search index has yet to take (written in the change's own transaction).
CREATE TABLE filing_search_queue (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
