-- A counter per province that moves whenever its configuration changes (pack data,
-- holidays, registry settings), so caches of that configuration know when to reload.
CREATE TABLE config_stamps (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    stamp BIGINT NOT NULL
);
