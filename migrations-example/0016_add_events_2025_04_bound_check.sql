-- onlineddl:lock-timeout=2s
-- A CHECK matching the partition bound of 0018, so that ATTACH PARTITION can prove every
-- row belongs to the partition without scanning (occurred_at is NOT NULL already). NOT
-- VALID because the table may hold loaded rows: the check is then a brief catalog change,
-- and 0017 checks the rows. The constants spell the bound exactly, time zone included.
ALTER TABLE events_2025_04
    ADD CONSTRAINT events_2025_04_bound CHECK (
        occurred_at >= '2025-04-01 00:00:00+00' AND occurred_at < '2025-05-01 00:00:00+00'
    ) NOT VALID;
