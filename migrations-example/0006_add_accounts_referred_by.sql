-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Referral program: a nullable column without default is a catalog-only change under a
-- brief ACCESS EXCLUSIVE on accounts, guarded by a lock timeout. Its index (0007) and its
-- foreign key (0008, validated in 0009) come in later files so that no step holds a
-- strong lock while another scans or builds.
ALTER TABLE accounts ADD COLUMN referred_by bigint;
