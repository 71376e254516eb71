-- The audit entry that records an override, so the trail export can show its place in the hash
-- chain. Overrides made before this migration have none.
ALTER TABLE sw_post_compliance_override ADD COLUMN audit_seq BIGINT;
ALTER TABLE sw_post_compliance_override ADD COLUMN audit_hash VARCHAR(64);
