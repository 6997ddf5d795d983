-- Resolution reads only a candidate's id, creation time, CNIC and normalised values: an
-- index holding them answers it without touching the (much wider) golden records.
CREATE INDEX mdm_persons_match ON mdm_persons (tenant_id, id, merged_into, created_at, match_values, cnic);
