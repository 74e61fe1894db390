-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- The bound CHECK now repeats the partition constraint: drop it (catalog only, a brief
-- ACCESS EXCLUSIVE on the partition; inserts into events that route to April wait for
-- it). A file of its own so that 0018's transaction ends right after the ATTACH.
ALTER TABLE events_2025_04 DROP CONSTRAINT events_2025_04_bound;
