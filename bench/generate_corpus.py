"""Writes a realistic corpus of migration files for the linter benchmark.

A deterministic app schema evolution: tables, columns with defaults, indexes (plain and
concurrent, in files of their own), foreign keys NOT VALID then VALIDATE, CHECKs, renames,
backfills in batches, views, and the risky forms linters exist for. Usage:

    python3 bench/generate_corpus.py OUT_DIR [FILES]
"""
import os
import random
import sys


def table_statements(rng, table, tables):
    columns = ["id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "created_at timestamptz NOT NULL DEFAULT now()"]
    for n in range(rng.randint(2, 6)):
        columns.append(f"{rng.choice(['name', 'status', 'amount', 'note', 'code', 'email'])}_{n} "
                       f"{rng.choice(['text', 'integer', 'numeric(12,2)', 'boolean', 'jsonb', 'varchar(64)'])}")
    yield f"CREATE TABLE {table} (\n    " + ",\n    ".join(columns) + "\n);"
    if tables:
        parent = rng.choice(tables)
        yield f"ALTER TABLE {table} ADD COLUMN {parent}_id bigint;"
        yield f"ALTER TABLE {table} ADD CONSTRAINT {table}_{parent}_fk FOREIGN KEY ({parent}_id) REFERENCES {parent} (id) NOT VALID;"


def change_statements(rng, tables, n):
    table = rng.choice(tables)
    kind = rng.randrange(12)
    column = f"col_{n}"
    if kind == 0:
        yield f"ALTER TABLE {table} ADD COLUMN {column} text DEFAULT 'none';"
    elif kind == 1:
        yield f"CREATE INDEX {table}_{column}_idx ON {table} (created_at);"
    elif kind == 2:
        yield f"ALTER TABLE {table} ADD COLUMN {column} integer;"
        yield f"UPDATE {table} SET {column} = 0 WHERE id BETWEEN 1 AND 10000 AND {column} IS NULL;"
        yield f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_not_null CHECK ({column} IS NOT NULL) NOT VALID;"
    elif kind == 3:
        yield f"ALTER TABLE {table} VALIDATE CONSTRAINT {table}_{column}_check;"
    elif kind == 4:
        yield f"ALTER TABLE {table} ALTER COLUMN note_{n % 5} TYPE text;"
    elif kind == 5:
        yield f"ALTER TABLE {table} RENAME COLUMN code_{n % 5} TO code_{n % 5}_old;"
    elif kind == 6:
        yield f"CREATE OR REPLACE VIEW {table}_recent AS SELECT id, created_at FROM {table} WHERE created_at > now() - interval '7 days';"
    elif kind == 7:
        yield f"ALTER TABLE {table} ADD COLUMN {column} uuid DEFAULT gen_random_uuid();"
    elif kind == 8:
        yield f"ALTER TABLE {table} ALTER COLUMN status_{n % 5} SET DEFAULT 'active';"
        yield f"COMMENT ON COLUMN {table}.status_{n % 5} IS 'lifecycle state';"
    elif kind == 9:
        yield f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_uniq UNIQUE (id, created_at);"
    elif kind == 10:
        yield f"INSERT INTO {table} (created_at) SELECT now() FROM generate_series(1, 100);"
    else:
        yield f"ALTER TABLE {table} DROP COLUMN IF EXISTS legacy_{n % 7};"


def main():
    out = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    rng = random.Random(20261122)
    os.makedirs(out, exist_ok=True)
    tables = []
    statements_written = 0
    for number in range(1, files + 1):
        lines = [f"-- migration {number}: generated for the lint benchmark"]
        if number % 6 == 1 or len(tables) < 3:
            table = f"t{len(tables) + 1}"
            lines += table_statements(rng, table, tables)
            tables.append(table)
        elif number % 6 == 2:
            table = rng.choice(tables)
            lines.append(f"CREATE INDEX CONCURRENTLY {table}_idx_{number} ON {table} (created_at);")
        else:
            for n in range(rng.randint(3, 9)):
                lines += change_statements(rng, tables, number * 10 + n)
        statements_written += sum(1 for line in lines if line.rstrip().endswith(";"))
        with open(os.path.join(out, f"{number:05d}_step_{number}.sql"), "w") as handle:
            handle.write("\n".join(lines) + "\n")
    print(f"{files} files, {statements_written} statements")


if __name__ == "__main__":
    main()
