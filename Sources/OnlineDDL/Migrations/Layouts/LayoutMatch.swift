/// A layout whose names a folder uses, with the names that show it.
public struct LayoutMatch: Sendable, Equatable, CustomStringConvertible {
    public let layout: MigrationLayout
    /// The matching file or folder names, sorted.
    public let names: [String]

    public init(layout: MigrationLayout, names: [String]) {
        self.layout = layout
        self.names = names
    }

    /// `golang-migrate (1_a.up.sql, 2_b.up.sql, 3_c.up.sql and 4 more)`
    public var description: String {
        let shown = names.prefix(3).joined(separator: ", ")
        return "\(layout) (\(shown)\(names.count > 3 ? " and \(names.count - 3) more" : ""))"
    }
}
