import OnlineDDLParsing

extension SQLTypeName {
    /// Reads a `TypeName` body.
    package init(typeNameBody body: ParseNode) {
        let names = body["names"]?.stringList ?? []
        let modifierNodes = body["typmods"]?.elements ?? []
        let modifiers = modifierNodes.compactMap(\.integerConstant)
        self.init(
            schema: names.count > 1 ? names[names.count - 2] : nil,
            name: names.last ?? "",
            modifiers: modifiers.count == modifierNodes.count ? modifiers : nil,
            arrayDimensions: body["arrayBounds"]?.elements.count ?? 0)
    }
}
