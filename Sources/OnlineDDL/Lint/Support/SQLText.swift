import OnlineDDLAnalysis
import OnlineDDLParsing
import OnlineDDLSupport

/// SQL and prose fragments for messages and safe alternatives, built from parsed names.
enum SQLText {
    /// A relation name, quoted as needed.
    static func relation(_ relation: RelationName) -> String {
        SQLIdentifier.quoted(relation)
    }

    /// A column, constraint or index name, quoted as needed.
    static func identifier(_ name: String) -> String {
        SQLIdentifier.quoted(name)
    }

    /// A comma-separated column list in parentheses.
    static func columnList(_ columns: [String]) -> String {
        "(" + columns.map(identifier).joined(separator: ", ") + ")"
    }

    /// A string literal.
    static func literal(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// A type as it can be written in SQL: `integer`, `varchar(50)`, `app.email`, `text[]`.
    static func type(_ type: SQLTypeName) -> String {
        let base: String
        if type.isBuiltIn {
            // Built-in names such as varchar are keywords of the type grammar and need no quotes,
            // except the internal one-byte type "char", which bare `char` would turn into bpchar.
            base = readableBuiltInNames[type.name] ?? (type.name == "char" ? "\"char\"" : type.name)
        } else {
            base = (type.schema.map { identifier($0) + "." } ?? "") + identifier(type.name)
        }
        // Interval modifiers encode field masks, not numbers a reader could write back.
        let modifiers = type.name == "interval" ? [] : (type.modifiers ?? [])
        return base + (modifiers.isEmpty ? "" : "(" + modifiers.map(String.init).joined(separator: ",") + ")")
            + String(repeating: "[]", count: type.arrayDimensions)
    }

    /// A name in PostgreSQL's style for a derived object, such as `orders_customer_id_fkey`.
    static func derivedName(_ table: RelationName, _ parts: [String], suffix: String) -> String {
        ([table.name] + parts + [suffix]).joined(separator: "_")
    }

    /// A short excerpt of a statement for messages: `line 3 (CREATE INDEX i ON t (a))`.
    static func excerpt(_ statement: SQLStatement) -> String {
        "line \(statement.location.line) (\(statement.text.singleLine(limit: maximumExcerptLength + 1)))"
    }

    private static let maximumExcerptLength = 60

    private static let readableBuiltInNames: [String: String] = [
        "int2": "smallint", "int4": "integer", "int8": "bigint", "float4": "real",
        "float8": "double precision", "bool": "boolean",
    ]
}
