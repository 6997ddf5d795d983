-- People's master data: golden records, the source records behind them (with lineage),
-- the blocking keys that find candidates, the stewardship queue, the learned model.
CREATE TABLE mdm_persons (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    cnic TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    father_name TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    dob TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    lineage TEXT NOT NULL DEFAULT '{}',
    merged_into TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mdm_persons_cnic ON mdm_persons (tenant_id, cnic);

CREATE TABLE mdm_person_sources (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    cnic TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    father_name TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    dob TEXT NOT NULL DEFAULT '',
    district TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL,
    probability_ppm BIGINT NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source, source_id)
);
CREATE INDEX mdm_person_sources_person ON mdm_person_sources (tenant_id, person_id);

CREATE TABLE mdm_person_keys (
    tenant_id TEXT NOT NULL,
    rule BIGINT NOT NULL,
    key BIGINT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, rule, key, person_id)
);

CREATE TABLE mdm_match_reviews (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    source_record_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    probability_ppm BIGINT NOT NULL,
    explanation TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mdm_match_reviews_open ON mdm_match_reviews (tenant_id, status, created_at);

CREATE TABLE mdm_linkage_models (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    model TEXT NOT NULL,
    records BIGINT NOT NULL,
    trained_at TEXT NOT NULL
);
