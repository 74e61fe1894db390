-- onlineddl:lock-timeout=2s
-- onlineddl:max-attempts=5
-- Dual write while old and new code run side by side: a trigger copies whichever of
-- name and display_name a statement wrote into the other one. Old code writes name, new
-- code writes display_name, and both read a consistent value. CREATE FUNCTION locks no
-- table; CREATE TRIGGER takes SHARE ROW EXCLUSIVE on accounts (writes wait) for a
-- catalog change only, last in the file so the transaction ends right after it.
CREATE FUNCTION accounts_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.display_name := coalesce(NEW.display_name, NEW.name);
        NEW.name := coalesce(NEW.name, NEW.display_name);
    ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        NEW.name := NEW.display_name;
    ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.display_name := NEW.name;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER accounts_sync_display_name
    BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_display_name();
