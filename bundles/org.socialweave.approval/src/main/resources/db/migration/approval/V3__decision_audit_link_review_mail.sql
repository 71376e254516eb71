-- Each decision's digest (over the decision with its post and revision) and the audit entry whose
-- target carries it, so the trail can prove the decision unchanged. Decisions made before this
-- migration have none.
ALTER TABLE sw_approval_decision ADD COLUMN digest VARCHAR(64);
ALTER TABLE sw_approval_decision ADD COLUMN audit_seq BIGINT;
ALTER TABLE sw_approval_decision ADD COLUMN audit_hash VARCHAR(64);

-- When the node e-mailed a review link to its reviewer (null: not e-mailed, e.g. no mail server).
ALTER TABLE sw_approval_review_link ADD COLUMN emailed_at TIMESTAMP WITH TIME ZONE;
