-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on events (PostgreSQL 12+): inserts and
-- reads of events go on; only the new partition is locked ACCESS EXCLUSIVE. The valid
-- CHECK of 0017 proves the partition bound, so there is no scan ("partition constraint
-- is implied by existing constraints"), and the indexes copied in 0015 are attached
-- instead of built. events has no default partition, which would have to be scanned.
ALTER TABLE events ATTACH PARTITION events_2025_04
    FOR VALUES FROM ('2025-04-01 00:00:00+00') TO ('2025-05-01 00:00:00+00');
