-- e-Khidmat Markaz. Every column is TEXT or BIGINT (see the platform's db.rs); money is
-- paisa, instants RFC 3339 UTC, dates YYYY-MM-DD in Pakistan.

-- The catalogue, from the pack. `definition` is the service as JSON (documents, fields,
-- stages, escalation); fees are dated rows that are never changed once loaded.
CREATE TABLE khidmat_services (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    department TEXT NOT NULL,
    definition TEXT NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE khidmat_fees (
    tenant_id TEXT NOT NULL,
    service_code TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    mode TEXT NOT NULL,
    head TEXT NOT NULL,
    amount_paisa BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, service_code, effective_from, mode, head),
    FOREIGN KEY (tenant_id, service_code) REFERENCES khidmat_services(tenant_id, code)
);

CREATE TABLE khidmat_calendar (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
    days_off TEXT NOT NULL
);

CREATE TABLE khidmat_centres (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    district TEXT NOT NULL,
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    PRIMARY KEY (tenant_id, code)
);

CREATE TABLE khidmat_counters (
    tenant_id TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    centre_code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    serves TEXT NOT NULL,
    PRIMARY KEY (tenant_id, code),
    FOREIGN KEY (tenant_id, centre_code) REFERENCES khidmat_centres(tenant_id, code)
);

-- Per-tenant gap-free numbers: tracking ids, token numbers, certificate numbers.
CREATE TABLE khidmat_sequences (
    tenant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- The token queue. `priority` 1 is served before 0; `seq` is the order of arrival.
CREATE TABLE khidmat_tokens (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    centre_code TEXT NOT NULL,
    day TEXT NOT NULL,
    number TEXT NOT NULL,
    category TEXT NOT NULL,
    priority BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    status TEXT NOT NULL,
    counter_code TEXT,
    issued_at TEXT NOT NULL,
    called_at TEXT,
    finished_at TEXT,
    recalls BIGINT NOT NULL DEFAULT 0,
    FOREIGN KEY (tenant_id, centre_code) REFERENCES khidmat_centres(tenant_id, code)
);
CREATE INDEX khidmat_tokens_queue ON khidmat_tokens (tenant_id, centre_code, day, status, priority, seq);

CREATE TABLE khidmat_applications (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    tracking_id TEXT NOT NULL UNIQUE,
    service_code TEXT NOT NULL,
    centre_code TEXT NOT NULL,
    counter_code TEXT NOT NULL,
    district TEXT NOT NULL,
    token_id TEXT,
    person_id TEXT NOT NULL,
    cnic TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    mobile TEXT NOT NULL,
    urgent BIGINT NOT NULL,
    form TEXT NOT NULL,
    fee_schedule TEXT NOT NULL,
    fees TEXT NOT NULL,
    fee_total BIGINT NOT NULL,
    stage TEXT NOT NULL,
    returned_from TEXT,
    received_on TEXT,
    due_on TEXT,
    escalation_level BIGINT NOT NULL DEFAULT 0,
    taken_by TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    idempotency_key TEXT,
    request_digest TEXT NOT NULL,
    FOREIGN KEY (tenant_id, service_code) REFERENCES khidmat_services(tenant_id, code)
);
CREATE UNIQUE INDEX khidmat_applications_idempotency ON khidmat_applications (tenant_id, idempotency_key);
CREATE INDEX khidmat_applications_stage ON khidmat_applications (tenant_id, stage, due_on);
CREATE INDEX khidmat_applications_centre ON khidmat_applications (tenant_id, centre_code, taken_at);

-- Each step of an application, for the citizen's tracking page and the SLA report.
CREATE TABLE khidmat_events (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES khidmat_applications(id),
    action TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX khidmat_events_application ON khidmat_events (application_id, at, id);

CREATE TABLE khidmat_payments (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    application_id TEXT NOT NULL UNIQUE REFERENCES khidmat_applications(id),
    method TEXT NOT NULL,
    reference TEXT NOT NULL,
    amount_paisa BIGINT NOT NULL,
    counter_code TEXT NOT NULL,
    day TEXT NOT NULL,
    received_by TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX khidmat_payments_counter ON khidmat_payments (tenant_id, counter_code, day);

-- Uploaded documents: the bytes are in the blob store under the data directory (by
-- sha256); this is their metadata.
CREATE TABLE khidmat_documents (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES khidmat_applications(id),
    doc_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX khidmat_documents_application ON khidmat_documents (application_id, uploaded_at);

CREATE TABLE khidmat_closings (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    counter_code TEXT NOT NULL,
    day TEXT NOT NULL,
    expected_paisa BIGINT NOT NULL,
    declared_paisa BIGINT NOT NULL,
    note TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    closed_at TEXT NOT NULL,
    UNIQUE (tenant_id, counter_code, day)
);

-- SMS to send: written in the transaction of the step it announces, sent afterwards by
-- the outbox worker through the configured provider, retried with back-off.
CREATE TABLE khidmat_outbox (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    mobile TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX khidmat_outbox_due ON khidmat_outbox (status, next_attempt_at);

CREATE TABLE khidmat_feedback (
    application_id TEXT PRIMARY KEY REFERENCES khidmat_applications(id),
    tenant_id TEXT NOT NULL,
    rating BIGINT NOT NULL,
    comment TEXT NOT NULL,
    at TEXT NOT NULL
);

-- The province's signing keys (ed25519). The public half is published at /public/keys.
CREATE TABLE khidmat_keys (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, key_id)
);

CREATE TABLE khidmat_certificates (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    application_id TEXT NOT NULL UNIQUE REFERENCES khidmat_applications(id),
    key_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_reason TEXT NOT NULL DEFAULT ''
);
