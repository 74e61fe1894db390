import OnlineDDLParsing

/// `CREATE SEQUENCE` and `ALTER SEQUENCE` (sequence.c `DefineSequence`, `AlterSequence`,
/// `process_owned_by`). `ALTER SEQUENCE` takes `SHARE ROW EXCLUSIVE` on the sequence, which
/// waits for every transaction that called `nextval()` on it; `OWNED BY` then takes
/// `ACCESS SHARE` on the owning table.
struct SequenceAnalyzer {
    func analyzeCreate(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        builder.record(.none("creates a new sequence"))
        ownedBy(body["options"], into: &builder)
    }

    func analyzeAlter(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let sequence = body["sequence"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "ALTER SEQUENCE without a name")
        }
        builder.record(.none("changes the sequence's parameters"))
        builder.lock(sequence, .shareRowExclusive, as: .sequence, "ALTER SEQUENCE")
        builder.lock(sequence, .rowExclusive, as: .sequence, "ALTER SEQUENCE opens the sequence to change it")
        ownedBy(body["options"], into: &builder)
    }

    private func ownedBy(_ options: ParseNode?, into builder: inout AnalysisBuilder) {
        let ownedBy = (options?.elements ?? []).compactMap { $0.typed("DefElem") }
            .first { $0["defname"]?.stringValue == "owned_by" }
        let parts = ownedBy?["arg"]?.typed("List")?["items"]?.stringList ?? []
        guard parts.count >= 2, let table = ParseNode.relationName(fromQualifiedName: Array(parts.dropLast())) else { return }
        builder.lock(table, .accessShare, as: .target, "OWNED BY: the owning table")
    }
}
