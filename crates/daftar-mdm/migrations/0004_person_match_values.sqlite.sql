-- Golden records keep their values as the linkage profile normalises them, so resolving
-- a record compares without normalising every candidate again ('' = not computed yet).
ALTER TABLE mdm_persons ADD COLUMN match_values TEXT NOT NULL DEFAULT '';

-- Blocking keys: the primary key is the whole row, so the table needs no rowid (half the
-- size, one B-tree write per key instead of two); merges find a person's keys by index.
CREATE TABLE mdm_person_keys_new (
    tenant_id TEXT NOT NULL,
    rule BIGINT NOT NULL,
    key BIGINT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (tenant_id, rule, key, person_id)
) WITHOUT ROWID;
INSERT INTO mdm_person_keys_new (tenant_id, rule, key, person_id)
    SELECT tenant_id, rule, key, person_id FROM mdm_person_keys;
DROP TABLE mdm_person_keys;
ALTER TABLE mdm_person_keys_new RENAME TO mdm_person_keys;
CREATE INDEX mdm_person_keys_person ON mdm_person_keys (tenant_id, person_id);
