-- A link the policy sent to a stage's external reviewer names them (lower case); links people
-- issue by hand leave it empty. The index keeps nodes that open the same stage from inviting twice.
-- A stage whose reviewers were all invited gets a sw_approval_reminder row, threshold 'invited'.
ALTER TABLE sw_approval_review_link ADD COLUMN invited_for VARCHAR(254);
CREATE UNIQUE INDEX ux_review_link_invited ON sw_approval_review_link (request_id, stage, invited_for);
