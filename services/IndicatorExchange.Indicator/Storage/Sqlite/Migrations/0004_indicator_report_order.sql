-- The catalog's report order (issue 20): the position of each indicator in the prefecture's report, GDP first.
-- ListIndicators answers in this order, then by code. An existing database gets the demo catalog's order
-- (DemoData/catalog.csv) for the codes it knows; every other indicator comes after them, by code. Loading a catalog
-- file sets the order from its rows again.
ALTER TABLE indicators ADD COLUMN report_order INTEGER NOT NULL DEFAULT 0;

CREATE TEMP TABLE demo_report_order (code TEXT PRIMARY KEY, position INTEGER NOT NULL);
INSERT INTO demo_report_order (code, position) VALUES
    ('GDP', 1),
    ('INDUSTRY_VALUE_ADDED_ABOVE_SIZE', 2),
    ('GROSS_INDUSTRIAL_OUTPUT', 3),
    ('NEW_ENERGY_OUTPUT', 4),
    ('FIXED_ASSET_INVESTMENT', 5),
    ('RETAIL_SALES', 6),
    ('RETAIL_SALES_ABOVE_SIZE', 7),
    ('ONLINE_SALES', 8),
    ('PUBLIC_BUDGET_REVENUE', 9),
    ('FOREIGN_TRADE', 10),
    ('INVESTMENT_ATTRACTED', 11),
    ('LOANS_OUTSTANDING', 12),
    ('RD_SPENDING', 13),
    ('SCIENCE_TECH_SPENDING', 14),
    ('TECH_CONTRACT_VALUE', 15),
    ('URBAN_DISPOSABLE_INCOME_PER_CAPITA', 16),
    ('RURAL_DISPOSABLE_INCOME_PER_CAPITA', 17),
    ('URBAN_POPULATION', 18),
    ('RURAL_POPULATION', 19),
    ('CROP_SOWN_AREA', 20),
    ('GRAIN_SOWN_AREA', 21),
    ('SPECIALTY_CROP_AREA', 22),
    ('GRAIN_OUTPUT', 23),
    ('MEAT_OUTPUT', 24),
    ('MILK_OUTPUT', 25),
    ('EGG_OUTPUT', 26),
    ('VEGETABLE_OUTPUT', 27),
    ('FRUIT_OUTPUT', 28),
    ('LIVESTOCK_ON_HAND', 29),
    ('LIVESTOCK_SLAUGHTERED', 30),
    ('TOURIST_VISITS', 31),
    ('TOURISM_REVENUE', 32),
    ('NEW_URBAN_JOBS', 33),
    ('RURAL_LABOUR_MIGRANT', 34),
    ('RURAL_LABOUR_TRANSFERRED', 35),
    ('VOCATIONAL_TRAINING', 36),
    ('SURVEYED_UNEMPLOYMENT_RATE', 37),
    ('PRESCHOOL_INCLUSIVE_RATE', 38),
    ('COMPULSORY_EDUCATION_RETENTION_RATE', 39),
    ('MEDICAL_INSURANCE_INSURED', 40),
    ('NEW_MARKET_ENTITIES', 41),
    ('NEW_INDUSTRIAL_ENTERPRISES_ABOVE_SIZE', 42),
    ('INDUSTRIAL_ENTERPRISES_ABOVE_SIZE', 43),
    ('FOREST_COVERAGE', 44);

UPDATE indicators SET report_order = (SELECT position FROM demo_report_order d WHERE d.code = indicators.code)
WHERE code IN (SELECT code FROM demo_report_order);

UPDATE indicators SET report_order = 44 + (
    SELECT COUNT(*) FROM indicators other
    WHERE other.code NOT IN (SELECT code FROM demo_report_order) AND other.code <= indicators.code)
WHERE code NOT IN (SELECT code FROM demo_report_order);

DROP TABLE demo_report_order;

CREATE INDEX indicators_report_order ON indicators (report_order, code);
