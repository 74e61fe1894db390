-- Demo data for migrations-example/. Run it once 0001-0004 (the base tables) are applied
-- and before 0005: it writes only the columns those four files create.
--   10,000 accounts (every 10th a guest account without email, for the backfill of 0010),
--   50,000 orders, 100,000 order items, 30,000 events over January to March 2025.
-- Deterministic (no random()), so every demo run sees the same rows.
BEGIN;

INSERT INTO accounts (email, name, created_at)
SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE 'user' || g || '@example.com' END,
       'User ' || g,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '30 minutes'
FROM generate_series(1, 10000) AS g;

INSERT INTO orders (account_id, amount_cents, status, created_at)
SELECT a.id,
       500 + (g * 37) % 20000,
       (ARRAY['pending', 'paid', 'shipped', 'cancelled'])[1 + g % 4],
       timestamptz '2024-06-01 00:00:00+00' + g * interval '5 minutes'
FROM generate_series(1::bigint, 50000) AS g
JOIN accounts AS a ON a.id = (SELECT min(id) FROM accounts) + (g * 7919) % 10000;

INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
SELECT o.id, 'SKU-' || lpad(((o.id * 13 + n) % 500)::text, 4, '0'), 1 + (o.id + n) % 3, 250 + (o.id * n) % 5000
FROM orders AS o
CROSS JOIN generate_series(1, 2) AS n;

INSERT INTO events (account_id, kind, payload, occurred_at)
SELECT (SELECT min(id) FROM accounts) + (g * 104729) % 10000,
       (ARRAY['login', 'view', 'checkout'])[1 + g % 3],
       jsonb_build_object('seq', g),
       timestamptz '2025-01-01 00:00:00+00' + (g - 1) * (interval '90 days' / 30000)
FROM generate_series(1::bigint, 30000) AS g;

COMMIT;

ANALYZE accounts, orders, order_items, events;
