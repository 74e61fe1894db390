-- +goose up
-- +goose StatementBegin
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.note := 'touched';
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
