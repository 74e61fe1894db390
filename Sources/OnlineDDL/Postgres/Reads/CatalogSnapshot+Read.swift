import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLParsing
import OnlineDDLSupport

extension CatalogSnapshot {
    /// Reads a snapshot from a live database with nine catalog queries at most, in one round
    /// trip (two when sizes are measured), whatever the number of statements it is later
    /// used for. Each relation is read once: the snapshot is the cache. Relations in other
    /// sessions' temporary schemas and in TOAST schemas are left out; the system catalogs
    /// are read too, so that unqualified names resolve as they would on the server, but the
    /// views among them are left out of view dependencies.
    ///
    /// With `measuringSizes`, user relations' sizes are measured on disk
    /// (`pg_total_relation_size`, a few file-system calls per relation: what `plan` reports);
    /// without, every size is estimated from `relpages`, which costs nothing, for a caller
    /// that reads a snapshot before every migration and needs only the locks. System
    /// relations' sizes are always estimated.
    ///
    /// `access` names the user relations the read may open: a relation it may not open (or
    /// whose index or TOAST table it may not open) has its size estimated from `relpages`
    /// and marked so, and its `CHECK` constraints' definitions are not read (they then prove
    /// no column NOT NULL). With ``RelationAccess/avoiding(_:)`` built from a fresh lock
    /// snapshot, the read queues behind no session's lock on a user relation.
    ///
    /// Read it on the connection (or with the `search_path`) the migration will use, since
    /// unqualified names resolve through that session's `search_path`.
    ///
    /// `earlier`, a snapshot read before from the same server, lends its system relations
    /// (`pg_catalog` and `information_schema`, about 330 of a small database's relations):
    /// only the user schemas are read again. No DDL changes the system relations (that needs
    /// `allow_system_table_mods`); only their estimated sizes may have moved since.
    public static func read(
        from connection: Connection, measuringSizes: Bool = true, access: RelationAccess = .unrestricted,
        reusingSystemRelationsOf earlier: CatalogSnapshot? = nil
    ) throws(PostgresError) -> CatalogSnapshot {
        try CatalogReader(
            connection: connection, measuringSizes: measuringSizes, access: access,
            systemRelations: earlier.map { $0.relations.values.filter { CatalogReader.isSystemSchema($0.name.schema) } }
        ).read()
    }
}

/// The queries behind ``CatalogSnapshot/read(from:measuringSizes:access:reusingSystemRelationsOf:)``.
private struct CatalogReader {
    let connection: Connection
    let measuringSizes: Bool
    let access: RelationAccess
    /// The system relations of an earlier snapshot, or nil to read them.
    let systemRelations: [CatalogRelation]?

    /// The schemas whose relations are the system's own.
    static func isSystemSchema(_ schema: String?) -> Bool {
        schema == "pg_catalog" || schema == "information_schema"
    }

    /// Schemas whose relations the snapshot holds: none of other sessions' temporary schemas.
    private static let visibleSchemas = """
        n.nspname <> 'pg_toast' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' \
        AND (n.nspname NOT LIKE 'pg\\_temp\\_%' OR n.oid = pg_my_temp_schema())
        """
    /// Schemas whose columns and constraints the snapshot holds: the visible ones but the system's.
    private static let userSchemas = visibleSchemas + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"

    func read() throws(PostgresError) -> CatalogSnapshot {
        // The eight queries in one round trip: before every migration, waiting for the server
        // eight times costs more than the queries themselves. The sizes to measure, if any,
        // take a second one.
        let results = try connection.preparedQueries([
            (Self.searchPathQuery, []), (Self.columnsQuery, []), (Self.parentsQuery, []), (Self.sequenceOwnersQuery, []),
            (Self.relationsQuery, [measuringSizes, systemRelations == nil]), (Self.constraintsQuery, checkAccessParameters),
            (Self.viewDependenciesQuery, []), (Self.statisticsQuery, []),
        ])
        let searchPath = try results[0].rows.map { row throws(PostgresError) in try row.decode("name", as: String.self) }
        let columns = try columns(from: results[1])
        let relations = try relations(
            from: results[4], measured: try measureSizes(of: measurableRelations(in: results[4])), columns: columns,
            parents: try parents(from: results[2]), owners: try sequenceOwners(from: results[3]))
        return CatalogSnapshot(
            serverMajorVersion: connection.serverVersion / 10000, searchPath: searchPath, relations: relations,
            constraints: try constraints(from: results[5], columns: columns),
            viewDependencies: try viewDependencies(from: results[6]), statistics: try statistics(from: results[7]))
    }

    private static let searchPathQuery =
        "SELECT s.name FROM unnest(current_schemas(true)) WITH ORDINALITY AS s(name, position) ORDER BY s.position"

    /// `opened`: for a user relation with storage, the TOAST table and the indexes
    /// `pg_total_relation_size` opens along with it (`$1`: when measuring). `$2`: with the
    /// system relations.
    private static let relationsQuery = """
            SELECT c.oid::int8 AS id, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind,
                   c.relpages::int8 AS pages, c.reltuples::float8 AS tuples,
                   CASE WHEN c.relkind IN ('r', 'm', 'i', 'S', 't', 'p', 'I')
                        THEN c.relpages::int8 * current_setting('block_size')::int8 END AS estimated_bytes,
                   CASE WHEN $1 AND c.relkind IN ('r', 'm', 'i', 'S', 't', 'p', 'I')
                             AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                        THEN array_remove(c.reltoastrelid || ARRAY(
                                 SELECT x.indexrelid FROM pg_index x WHERE x.indrelid IN (c.oid, c.reltoastrelid)), 0::oid)::text
                        END AS opened,
                   c.relispartition AS is_partition, COALESCE(pt.partdefid, 0)::int8 AS default_partition,
                   COALESCE(i.indrelid, 0)::int8 AS indexed_table, i.indkey::text AS index_keys
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
            LEFT JOIN pg_index i ON i.indexrelid = c.oid
            WHERE c.relkind <> 'c' AND \(Self.visibleSchemas)
              AND ($2 OR n.nspname NOT IN ('pg_catalog', 'information_schema'))
            """

    /// The relations whose size may be measured: those the read may open with everything
    /// `pg_total_relation_size` opens along.
    private func measurableRelations(in result: QueryResult) throws(PostgresError) -> [RelationID] {
        var measurable: [RelationID] = []
        for row in result.rows {
            guard let opened = try row.decode("opened", as: String?.self) else { continue }
            let id = try Self.id(row.decode("id", as: Int.self))
            if access.mayOpen([id] + Self.integers(inArray: opened).map(Self.id)) { measurable.append(id) }
        }
        return measurable
    }

    private func relations(
        from result: QueryResult, measured: [RelationID: Int], columns: [RelationID: [CatalogColumn]],
        parents: [RelationID: [RelationID]], owners: [RelationID: SequenceOwner]
    ) throws(PostgresError) -> [CatalogRelation] {
        var relations = systemRelations ?? []
        for row in result.rows {
            guard let kind = CatalogRelationKind(rawValue: try row.decode("kind", as: String.self)) else { continue }
            let id = try Self.id(row.decode("id", as: Int.self))
            let indexedTable = try Self.optionalID(row.decode("indexed_table", as: Int.self))
            let tableColumns = indexedTable.flatMap { columns[$0] } ?? []
            let keys = try (row.decode("index_keys", as: String?.self) ?? "").split(separator: " ").compactMap { Int($0) }
            let tuples = try row.decode("tuples", as: Double.self)
            let estimatedBytes = try row.decode("estimated_bytes", as: Int?.self)
            relations.append(CatalogRelation(
                id: id, name: RelationName(schema: try row.decode("schema", as: String.self), name: try row.decode("name", as: String.self)),
                kind: kind,
                size: RelationSize(
                    pages: try row.decode("pages", as: Int.self), estimatedRows: tuples < 0 ? nil : tuples,
                    totalBytes: measured[id] ?? estimatedBytes ?? 0, isEstimated: measured[id] == nil && estimatedBytes != nil),
                parents: parents[id] ?? [], isPartition: try row.decode("is_partition", as: Bool.self),
                defaultPartition: try Self.optionalID(row.decode("default_partition", as: Int.self)),
                indexedTable: indexedTable,
                indexKeyColumns: keys.map { number in tableColumns.first { $0.number == number }?.name },
                owningTable: owners[id]?.table, owningColumn: owners[id]?.column, columns: columns[id] ?? []))
        }
        return relations
    }

    /// `pg_total_relation_size` of each relation, by ID; a relation dropped meanwhile is left out.
    private func measureSizes(of relations: [RelationID]) throws(PostgresError) -> [RelationID: Int] {
        guard !relations.isEmpty else { return [:] }
        let result = try connection.preparedQuery(
            "SELECT r.id::int8 AS id, pg_total_relation_size(r.id)::int8 AS bytes FROM unnest($1::text::oid[]) AS r(id)",
            [Self.oidArray(relations)])
        var sizes: [RelationID: Int] = [:]
        for row in result.rows {
            guard let bytes = try row.decode("bytes", as: Int?.self) else { continue }
            sizes[try Self.id(row.decode("id", as: Int.self))] = bytes
        }
        return sizes
    }

    private static let columnsQuery = """
            SELECT a.attrelid::int8 AS relation, a.attnum::int AS number, a.attname AS name,
                   format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                   COALESCE(defaults.sequence, identities.sequence, 0)::int8 AS default_sequence
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            -- Joined, not correlated per column, so that a database with thousands of
            -- tables is read in one pass over pg_depend.
            LEFT JOIN (SELECT ad.adrelid, ad.adnum, min(d.refobjid) AS sequence
                         FROM pg_attrdef ad
                         JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                             AND d.refclassid = 'pg_class'::regclass
                         JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
                        GROUP BY ad.adrelid, ad.adnum) defaults
                   ON defaults.adrelid = a.attrelid AND defaults.adnum = a.attnum
            LEFT JOIN (SELECT d.refobjid, d.refobjsubid, min(d.objid) AS sequence
                         FROM pg_depend d
                         JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                          AND d.deptype = 'i'
                        GROUP BY d.refobjid, d.refobjsubid) identities
                   ON a.attidentity <> '' AND identities.refobjid = a.attrelid AND identities.refobjsubid = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND \(Self.userSchemas)
            ORDER BY 1, 2
            """

    private func columns(from result: QueryResult) throws(PostgresError) -> [RelationID: [CatalogColumn]] {
        var columns: [RelationID: [CatalogColumn]] = [:]
        for row in result.rows {
            let column = CatalogColumn(
                number: try row.decode("number", as: Int.self), name: try row.decode("name", as: String.self),
                type: FormattedTypeReader.typeName(try row.decode("type", as: String.self)),
                isNotNull: try row.decode("not_null", as: Bool.self),
                defaultSequence: try Self.optionalID(row.decode("default_sequence", as: Int.self)))
            columns[try Self.id(row.decode("relation", as: Int.self)), default: []].append(column)
        }
        return columns
    }

    private static let parentsQuery = "SELECT inhrelid::int8 AS child, inhparent::int8 AS parent FROM pg_inherits ORDER BY inhrelid, inhseqno"

    private func parents(from result: QueryResult) throws(PostgresError) -> [RelationID: [RelationID]] {
        var parents: [RelationID: [RelationID]] = [:]
        for row in result.rows {
            parents[try Self.id(row.decode("child", as: Int.self)), default: []].append(try Self.id(row.decode("parent", as: Int.self)))
        }
        return parents
    }

    /// Sequences owned by a column: `serial` and `OWNED BY` (auto dependency) and identity
    /// columns (internal dependency).
    private static let sequenceOwnersQuery = """
            SELECT d.objid::int8 AS sequence, d.refobjid::int8 AS owner, a.attname AS column_name
            FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
            JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
              AND s.relkind = 'S' AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
            """

    private func sequenceOwners(from result: QueryResult) throws(PostgresError) -> [RelationID: SequenceOwner] {
        var owners: [RelationID: SequenceOwner] = [:]
        for row in result.rows {
            owners[try Self.id(row.decode("sequence", as: Int.self))] = SequenceOwner(
                table: try Self.id(row.decode("owner", as: Int.self)), column: try row.decode("column_name", as: String.self))
        }
        return owners
    }

    /// The column that owns a sequence.
    private struct SequenceOwner {
        let table: RelationID
        let column: String
    }

    /// `definition`: `pg_get_constraintdef` of a `CHECK` on a table the read may open (`$1`:
    /// any but the tables `$2` names), NULL otherwise; `CASE` calls it for those rows only.
    private static let constraintsQuery = """
            SELECT con.oid::int8 AS id, con.conname AS name, con.conrelid::int8 AS table_id, con.contype::text AS kind,
                   con.confrelid::int8 AS referenced, con.conkey::text AS keys, con.confkey::text AS referenced_keys,
                   con.convalidated AS validated, con.conparentid <> 0 AS inherited,
                   CASE WHEN con.contype = 'c' AND $1 AND con.conrelid <> ALL ($2::text::oid[])
                        THEN pg_get_constraintdef(con.oid) END AS definition
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(Self.userSchemas)
            ORDER BY con.conrelid, con.conname
            """

    /// `$1` and `$2` of ``constraintsQuery``: whether any `CHECK` definition may be read, and
    /// the tables whose definitions may not.
    private var checkAccessParameters: [any PostgresEncodable] {
        switch access {
        case .unrestricted: [true, Self.oidArray([RelationID]())]
        case .avoiding(let locked): [true, Self.oidArray(locked.sorted())]
        case .catalogOnly: [false, Self.oidArray([RelationID]())]
        }
    }

    private func constraints(
        from result: QueryResult, columns: [RelationID: [CatalogColumn]]
    ) throws(PostgresError) -> [CatalogConstraint] {
        var constraints: [CatalogConstraint] = []
        for row in result.rows {
            guard let kind = CatalogConstraint.Kind(rawValue: try row.decode("kind", as: String.self)) else { continue }
            let table = try Self.id(row.decode("table_id", as: Int.self))
            let referenced = try Self.optionalID(row.decode("referenced", as: Int.self))
            func names(_ field: String, of relation: RelationID?) throws(PostgresError) -> [String] {
                let numbers = Self.integers(inArray: try row.decode(field, as: String?.self))
                let known = relation.flatMap { columns[$0] } ?? []
                return numbers.compactMap { number in known.first { $0.number == number }?.name }
            }
            constraints.append(CatalogConstraint(
                name: try row.decode("name", as: String.self), table: table, kind: kind, referencedTable: referenced,
                columns: try names("keys", of: table), referencedColumns: try names("referenced_keys", of: referenced),
                isValidated: try row.decode("validated", as: Bool.self), isInherited: try row.decode("inherited", as: Bool.self),
                provesNotNull: CheckConstraintReader.notNullColumns(
                    ofDefinition: try row.decode("definition", as: String?.self) ?? "")))
        }
        return constraints
    }

    private static let viewDependenciesQuery = """
            SELECT DISTINCT r.ev_class::int8 AS view, d.refobjid::int8 AS relation, a.attname AS column_name
            FROM pg_rewrite r
            JOIN pg_class c ON c.oid = r.ev_class
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
            LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
            WHERE r.rulename = '_RETURN' AND \(Self.userSchemas)
            ORDER BY 1, 2, 3
            """

    private func viewDependencies(from result: QueryResult) throws(PostgresError) -> [ViewDependency] {
        return try result.rows.map { row throws(PostgresError) in
            ViewDependency(
                view: try Self.id(row.decode("view", as: Int.self)), relation: try Self.id(row.decode("relation", as: Int.self)),
                column: try row.decode("column_name", as: String?.self))
        }
    }

    private static let statisticsQuery = """
        SELECT n.nspname AS schema, s.stxname AS name, s.stxrelid::int8 AS table_id
        FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
        """

    private func statistics(from result: QueryResult) throws(PostgresError) -> [CatalogStatistics] {
        return try result.rows.map { row throws(PostgresError) in
            CatalogStatistics(
                name: RelationName(schema: try row.decode("schema", as: String.self), name: try row.decode("name", as: String.self)),
                table: try Self.id(row.decode("table_id", as: Int.self)))
        }
    }

    private static func id(_ oid: Int) -> RelationID {
        RelationID(UInt32(truncatingIfNeeded: oid))
    }

    private static func optionalID(_ oid: Int) -> RelationID? {
        oid == 0 ? nil : id(oid)
    }

    /// An `oid[]` in text form, such as `{16384,16390}`, for a `$1::text::oid[]` parameter.
    private static func oidArray(_ oids: [some CustomStringConvertible]) -> String {
        "{" + oids.map(\.description).joined(separator: ",") + "}"
    }

    /// The integers of an `int2[]` in text form, such as `{1,3}`.
    private static func integers(inArray text: String?) -> [Int] {
        (text ?? "").split { $0 == "{" || $0 == "}" || $0 == "," }.compactMap { Int($0) }
    }
}
