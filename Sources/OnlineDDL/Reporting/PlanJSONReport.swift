import OnlineDDLPlanning
import OnlineDDLSupport

/// `onlineddl plan --format json`: the plan's `Codable` form, as `JSONEncoder` writes it with
/// sorted keys and unescaped slashes, but written directly (the encoder's containers cost
/// more than the rest of an offline plan). Every key is present, `null` when it does not
/// apply; `size`, `prediction` and `concurrent_waits`, which only a connected plan has, go
/// through `JSONEncoder`.
public enum PlanJSONReport {
    /// The plan as one line of JSON, without a final newline.
    public static func render(_ plan: MigrationPlan) throws -> String {
        // Migrations are written on all cores, each on its own, then joined in order.
        let migrations = plan.migrations.concurrentMap { migration in
            Result {
                var json = JSONWriter()
                try write(&json, migration)
                return json.bytes
            }
        }
        var json = JSONWriter(capacity: migrations.reduce(64) { $0 + ((try? $1.get().count) ?? 0) + 1 })
        try json.object { json in
            json.field("connected", plan.connected)
            try json.field("migrations", migrations) { json, migration in json.value(written: try migration.get()) }
            json.field("pg_version", plan.postgresVersion)
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private static func write(_ json: inout JSONWriter, _ migration: MigrationPlan.Migration) throws {
        try json.object { json in
            json.field("file", migration.file)
            json.field("findings", migration.findings, write)
            json.field("name", migration.name)
            json.field("planned", migration.planned)
            try json.field("statements", migration.statements, write)
            json.field("transactional", migration.transactional)
            json.field("units", migration.units) { json, unit in
                json.object { json in
                    json.field("first", unit.first)
                    json.field("kind", unit.kind.rawValue)
                    json.field("last", unit.last)
                }
            }
            json.field("version", migration.version)
        }
    }

    private static func write(_ json: inout JSONWriter, _ statement: MigrationPlan.Statement) throws {
        try json.object { json in
            json.field("column", statement.column)
            try json.field("concurrent_waits", encoding: statement.concurrentWaits)
            json.field("findings", statement.findings, write)
            json.field("line", statement.line)
            json.field("locks", statement.locks) { json, lock in
                json.object { json in
                    json.field("mode", lock.mode.pgLocksName)
                    json.field("relation", lock.relation)
                }
            }
            try json.field("prediction", encoding: statement.prediction)
            json.field("rewrite", statement.rewrite.description)
            try json.field("size", encoding: statement.size)
            json.field("sql", statement.sql)
            try json.field("standbys", encoding: statement.standbys)
            json.field("transactional", statement.transactional)
            json.field("unclassified", statement.unclassified)
            try json.field("unit", encoding: statement.unit)
        }
    }

    private static func write(_ json: inout JSONWriter, _ finding: MigrationPlan.FindingEntry) {
        json.object { json in
            json.field("column", finding.column)
            json.field("line", finding.line)
            json.field("message", finding.message)
            json.field("rule", finding.rule)
            json.field("safe_alternative", finding.safeAlternative)
            json.field("severity", finding.severity.rawValue)
        }
    }
}
