-- onlineddl:no-transaction
-- Backfill display_name for the rows written before the trigger of 0021 (newer rows are
-- kept in sync by it). A procedure that COMMITs after each batch of 1,000 ids: each batch
-- holds its row locks briefly and its dead rows can be vacuumed while the rest runs. A DO
-- block cannot commit like that (it would be one long transaction), and CALL may COMMIT
-- only outside a transaction block: hence no-transaction, which runs each statement on
-- its own. It walks the primary key up to the highest id seen at the start, so it is
-- safe to run again: rows already copied are skipped.
CREATE PROCEDURE accounts_backfill_display_name(batch_size bigint)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
    max_id bigint;
BEGIN
    SELECT max(id) INTO max_id FROM accounts;
    WHILE last_id < coalesce(max_id, 0) LOOP
        UPDATE accounts SET display_name = name
            WHERE id > last_id AND id <= last_id + batch_size
              AND display_name IS DISTINCT FROM name;
        last_id := last_id + batch_size;
        COMMIT;
    END LOOP;
END
$$;

CALL accounts_backfill_display_name(1000);

DROP PROCEDURE accounts_backfill_display_name(bigint);
