-- Reference master data: geography and organisation registries with effective dating,
-- sanctioned posts, public holidays, and the notifications that changed them.
CREATE TABLE mdm_changes (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    registry TEXT NOT NULL CHECK (registry IN ('geo', 'org')),
    kind TEXT NOT NULL,
    notification_no TEXT NOT NULL,
    notification_date TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX mdm_changes_tenant ON mdm_changes (tenant_id, effective_date);

CREATE TABLE mdm_units (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    registry TEXT NOT NULL CHECK (registry IN ('geo', 'org')),
    code TEXT NOT NULL,
    level TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    created_change TEXT NOT NULL REFERENCES mdm_changes (id),
    retired_on TEXT,
    retired_change TEXT REFERENCES mdm_changes (id),
    PRIMARY KEY (tenant_id, registry, code)
);
CREATE INDEX mdm_units_level ON mdm_units (tenant_id, registry, level);

CREATE TABLE mdm_versions (
    tenant_id TEXT NOT NULL,
    registry TEXT NOT NULL,
    code TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    name TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    change_id TEXT NOT NULL REFERENCES mdm_changes (id),
    PRIMARY KEY (tenant_id, registry, code, valid_from),
    FOREIGN KEY (tenant_id, registry, code) REFERENCES mdm_units (tenant_id, registry, code)
);
CREATE INDEX mdm_versions_parent ON mdm_versions (tenant_id, registry, parent);

CREATE TABLE mdm_successors (
    tenant_id TEXT NOT NULL,
    registry TEXT NOT NULL,
    code TEXT NOT NULL,
    successor TEXT NOT NULL,
    change_id TEXT NOT NULL REFERENCES mdm_changes (id),
    PRIMARY KEY (tenant_id, registry, code, successor)
);

CREATE TABLE mdm_posts (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    code TEXT NOT NULL,
    office TEXT NOT NULL,
    designation TEXT NOT NULL,
    designation_ur TEXT NOT NULL,
    bps BIGINT NOT NULL CHECK (bps BETWEEN 1 AND 22),
    effective_from TEXT NOT NULL,
    retired_on TEXT,
    PRIMARY KEY (tenant_id, code)
);
CREATE INDEX mdm_posts_office ON mdm_posts (tenant_id, office);

CREATE TABLE mdm_holidays (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    name_ur TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, day, name)
);

CREATE TABLE mdm_province (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    development_programme TEXT NOT NULL,
    fiscal_year_start TEXT NOT NULL,
    timezone TEXT NOT NULL
);
