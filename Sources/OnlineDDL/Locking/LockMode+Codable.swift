/// Lock modes travel in JSON by their `pg_locks` name, such as `"RowExclusiveLock"`.
extension LockMode: Codable {
    /// Decodes a `pg_locks` mode name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let mode = LockMode(pgLocksName: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown lock mode \"\(name)\"")
        }
        self = mode
    }

    /// Encodes the `pg_locks` mode name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pgLocksName)
    }
}
