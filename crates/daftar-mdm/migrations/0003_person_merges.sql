-- Merges of golden records, kept so that each can be undone exactly.
CREATE TABLE mdm_person_merges (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    from_person TEXT NOT NULL,
    into_person TEXT NOT NULL,
    source_records TEXT NOT NULL,
    reason TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    undone_by TEXT NOT NULL DEFAULT '',
    undone_at TEXT NOT NULL DEFAULT '',
    undo_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, id)
);
