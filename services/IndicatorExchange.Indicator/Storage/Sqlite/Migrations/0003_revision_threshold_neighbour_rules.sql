-- The catalog's threshold for a revision's change, and the two rules added with it (issue 20): a year-to-date value
-- checked against the next period of its year as well as the previous one, and a revision that moves a value by more
-- than the threshold. A database whose rules were never seeded gets every default rule at its first read instead.
ALTER TABLE indicators ADD COLUMN max_revision_change_pct TEXT NULL;

INSERT INTO validation_rules (code, indicator, accumulation, left_expr, operator, right_expr, tolerance, severity, message_zh, message_en)
SELECT 'CUMULATIVE_EXCEEDS_NEXT', '*', 'year_to_date', 'value', '<=', 'next_value', '0', 'warning',
       '累计值高于本年下一期的累计值', 'A year-to-date value higher than the next period''s of the same year'
WHERE EXISTS (SELECT 1 FROM validation_rules)
  AND NOT EXISTS (SELECT 1 FROM validation_rules WHERE code = 'CUMULATIVE_EXCEEDS_NEXT');

INSERT INTO validation_rules (code, indicator, accumulation, left_expr, operator, right_expr, tolerance, severity, message_zh, message_en)
SELECT 'REVISION_CHANGE_TOO_LARGE', '*', NULL, 'abs(value / replaced_value - 1) * 100', '<=', 'max_revision_change_pct', '0', 'warning',
       '修订前后变动幅度过大，请核实', 'The revision changes the value by more than the indicator''s threshold; please confirm'
WHERE EXISTS (SELECT 1 FROM validation_rules)
  AND NOT EXISTS (SELECT 1 FROM validation_rules WHERE code = 'REVISION_CHANGE_TOO_LARGE');
