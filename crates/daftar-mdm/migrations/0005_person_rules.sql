-- A province's survivorship settings for golden person records (from its pack's
-- persons.toml): sources in order of trust and the rule per attribute, as JSON.
CREATE TABLE mdm_person_rules (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    survivorship TEXT NOT NULL
);
