-- Value targets normalised to the indicator's canonical unit, milestones, and why each revision was set.
ALTER TABLE target_revisions ADD COLUMN normalised_threshold TEXT NULL;
ALTER TABLE target_revisions ADD COLUMN canonical_unit TEXT NULL;
ALTER TABLE target_revisions ADD COLUMN milestones TEXT NOT NULL DEFAULT '';
ALTER TABLE target_revisions ADD COLUMN reason TEXT NOT NULL DEFAULT '';
UPDATE target_revisions SET normalised_threshold = threshold, canonical_unit = unit WHERE normalised_threshold IS NULL;
CREATE INDEX target_revisions_set_at ON target_revisions (set_at, sequence);
