-- Base table: an append-only event log partitioned by month, so old months can be
-- detached and dropped without a DELETE. All of it is new, so the ACCESS EXCLUSIVE locks
-- of CREATE TABLE … PARTITION OF block nothing here; for a month added later, while
-- events is in use, see 0015-0019 (ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE
-- on events). The partition key must be part of the primary key. No foreign key to
-- accounts: every ATTACH would also check the new partition's rows against accounts,
-- under a lock that blocks writes to accounts, and each insert would look up accounts.
CREATE TABLE events (
    id bigserial,
    account_id bigint NOT NULL,
    kind text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}',
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX events_account_id_occurred_at_idx ON events (account_id, occurred_at);

CREATE TABLE events_2025_01 PARTITION OF events
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00');
CREATE TABLE events_2025_02 PARTITION OF events
    FOR VALUES FROM ('2025-02-01 00:00:00+00') TO ('2025-03-01 00:00:00+00');
CREATE TABLE events_2025_03 PARTITION OF events
    FOR VALUES FROM ('2025-03-01 00:00:00+00') TO ('2025-04-01 00:00:00+00');
