import OnlineDDLParsing
import OnlineDDLSupport
import TOMLKit

/// A table of a TOML file, read through typed accessors whose errors name the file and the
/// dotted key, so a wrong type or a misspelled key never silently does nothing.
package struct TOMLDocument {
    let path: String
    /// The dotted key of this table: empty for the whole file, `apply` for `[apply]`.
    let key: String
    private let table: TOMLTable

    /// Parses a whole file.
    package init(path: String, text: String) throws(ConfigurationError) {
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                path: path, location: SourceLocation(line: error.source.begin.line, column: error.source.begin.column),
                message: error.description)
        } catch {
            throw ConfigurationError(path: path, message: "not a TOML file")
        }
        self.path = path
        self.key = ""
    }

    private init(path: String, key: String, table: TOMLTable) {
        self.path = path
        self.key = key
        self.table = table
    }

    /// The table's keys.
    package var keys: [String] { table.keys }

    /// The dotted key of `name` in this table.
    func qualified(_ name: String) -> String {
        key.isEmpty ? name : "\(key).\(name)"
    }

    /// An error about `name`'s value.
    package func error(_ name: String, _ message: String) -> ConfigurationError {
        ConfigurationError(path: path, key: qualified(name), message: message)
    }

    /// Fails on the first key that is not in `known`, listing the known ones.
    package func rejectUnknownKeys(_ known: [String]) throws(ConfigurationError) {
        guard let unknown = keys.first(where: { !known.contains($0) }) else { return }
        let place = key.isEmpty ? "at the top level" : "in [\(key)]"
        throw error(unknown, "unknown key \(place); known keys: \(known.joined(separator: ", "))")
    }

    package func string(_ name: String) throws(ConfigurationError) -> String? {
        try value(name, "a string") { $0.string }
    }

    package func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        try value(name, "true or false") { $0.bool }
    }

    package func int(_ name: String) throws(ConfigurationError) -> Int? {
        try value(name, "a whole number") { $0.int }
    }

    package func strings(_ name: String) throws(ConfigurationError) -> [String]? {
        try value(name, "an array of strings") { value in
            guard let array = value.array else { return nil }
            let strings = array.compactMap(\.string)
            return strings.count == array.count ? strings : nil
        }
    }

    /// A duration written as a string: `"250ms"`, `"5s"`, `"2m"`, `"1h"` or `"0"`.
    package func duration(_ name: String) throws(ConfigurationError) -> Duration? {
        guard let text = try value(name, "a duration string such as \"5s\" or \"0\"", { $0.string }) else { return nil }
        do {
            return try DurationText.parse(text)
        } catch {
            throw self.error(name, error.description)
        }
    }

    package func table(_ name: String) throws(ConfigurationError) -> TOMLDocument? {
        try value(name, "a table, as in [\(qualified(name))]") { value in
            value.table.map { TOMLDocument(path: path, key: qualified(name), table: $0) }
        }
    }

    private func value<T>(_ name: String, _ expected: String, _ convert: (TOMLValueConvertible) -> T?) throws(ConfigurationError) -> T? {
        guard let value = table[name] else { return nil }
        guard let converted = convert(value) else { throw error(name, "expected \(expected), found \(Self.describe(value.type))") }
        return converted
    }

    private static func describe(_ type: TOMLType) -> String {
        switch type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "a whole number"
        case .double: "a decimal number"
        case .bool: "a boolean"
        case .date, .time, .dateTime: "a date or time"
        }
    }
}
