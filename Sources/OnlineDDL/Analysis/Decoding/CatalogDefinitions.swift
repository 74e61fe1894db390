import OnlineDDLParsing
import OnlineDDLSupport

// Catalog definitions as text (`format_type`, `pg_get_constraintdef`) read through the
// grammar, for the catalog read: the decoding of their parse trees, kept with the others.

/// Reads `format_type` output as the grammar does, so that catalog types compare with types
/// written in statements: `character varying(20)` becomes `pg_catalog.varchar` with `[20]`.
/// Each text is parsed once per process: the runner reads the catalog before every migration.
package enum FormattedTypeReader {
    private static let cache = Memo<String, SQLTypeName>()

    package static func typeName(_ formatted: String) -> SQLTypeName {
        cache.value(for: formatted) {
            (try? SQLScript(file: "format_type", text: "SELECT NULL::\(formatted)"))?
                .statements.first?.tree.firstTypeCastType
                .map(SQLTypeName.init(typeNameBody:))
                ?? SQLTypeName(name: formatted, modifiers: nil)
        }
    }
}

/// Reads a `CHECK` constraint's definition (`pg_get_constraintdef`) through the grammar.
package enum CheckConstraintReader {
    /// The columns a `CHECK` proves NOT NULL: each `col IS NOT NULL` that is the whole
    /// expression or one of its top-level `AND` arguments. Each definition is parsed once
    /// per process.
    package static func notNullColumns(ofDefinition definition: String) -> Set<String> {
        definitions.value(for: definition) { parsedNotNullColumns(ofDefinition: definition) }
    }

    private static let definitions = Memo<String, Set<String>>()

    private static func parsedNotNullColumns(ofDefinition definition: String) -> Set<String> {
        guard !definition.isEmpty,
              let script = try? SQLScript(file: "constraint", text: "ALTER TABLE t ADD \(definition)"),
              let command = script.statements.first?.tree.typed(.alterTable)?["cmds"]?.elements.first,
              let expression = command.typed("AlterTableCmd")?["def"]?.typed("Constraint")?["raw_expr"]
        else { return [] }
        return Set(expression.columnsTestedNotNull.filter { $0.count == 1 }.map { $0[0] })
    }
}

private extension ParseNode {
    /// The `TypeName` body of the first target's `TypeCast` in `SELECT x::type`.
    var firstTypeCastType: ParseNode? {
        typed(.select)?["targetList"]?.elements.first?.typed("ResTarget")?["val"]?.typed("TypeCast")?["typeName"]
    }
}
