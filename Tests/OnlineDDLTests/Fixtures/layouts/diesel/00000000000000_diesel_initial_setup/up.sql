CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$
BEGIN
    EXECUTE format($f$SELECT 1 FROM %s$f$, _tbl);
END;
$$ LANGUAGE plpgsql;
