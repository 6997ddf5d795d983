-- Golden records keep their values as the linkage profile normalises them, so resolving
-- a record compares without normalising every candidate again ('' = not computed yet).
ALTER TABLE mdm_persons ADD COLUMN match_values TEXT NOT NULL DEFAULT '';

-- Merges find a person's blocking keys by index.
CREATE INDEX mdm_person_keys_person ON mdm_person_keys (tenant_id, person_id);
