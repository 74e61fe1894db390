import Foundation
import OnlineDDLSupport

/// Flyway's names. Versioned migrations, `V<version>__<description>.sql`, run; they are read
/// from the folder and its subfolders, as Flyway reads its locations. The version is
/// numbers separated by `.` or `_` (`V1_1__x.sql` is version 1.1) and orders part by part,
/// numerically: 1 < 1.1 < 1.2 < 1.10 < 2, and 1 is the same version as 1.0.
///
/// Undo migrations (`U…`) are down migrations; repeatable (`R__…`) and baseline (`B…`)
/// migrations, callbacks (`beforeMigrate.sql`, …) and script configuration files
/// (`….sql.conf`) are reported as not supported. None of them runs. Any other `.sql` file is
/// an error.
enum FlywayLayout {
    /// What a file name is to Flyway.
    enum FileName: Equatable {
        case versioned(version: String, description: String)
        case undo
        case repeatable
        case baseline
        case callback

        /// nil for a name Flyway does not know.
        init?(_ fileName: String) {
            guard fileName.hasSuffix(".sql") else { return nil }
            let stem = fileName.dropLast(".sql".count)
            if stem.hasPrefix("R__") {
                self = .repeatable
            } else if let prefix = stem.first, "VUB".contains(prefix), let (version, description) = Self.split(stem.dropFirst()) {
                self = prefix == "V" ? .versioned(version: version, description: description) : prefix == "U" ? .undo : .baseline
            } else if let event = ["before", "after"].first(where: { stem.hasPrefix($0) }),
                      stem.dropFirst(event.count).first?.isUppercase == true {
                self = .callback
            } else {
                return nil
            }
        }

        /// `1_1__add_index` → ("1_1", "add_index"): the version before the first `__`.
        private static func split(_ rest: Substring) -> (version: String, description: String)? {
            guard let separator = rest.range(of: "__") else { return nil }
            let version = rest[..<separator.lowerBound]
            let parts = version.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "_" }
            guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
            return (String(version), String(rest[separator.upperBound...]))
        }
    }

    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in try folder.filesInSubfolders() {
            let path = folder.path(of: name)
            func ignore(_ kind: IgnoredMigrationPart.Kind, _ reason: String) {
                contents.ignored.append(IgnoredMigrationPart(kind: kind, path: path, reason: reason))
            }
            if name.hasSuffix(".sql.conf") {
                ignore(.unsupported, "Flyway script configuration, not read: onlineddl decides how each file runs "
                    + "(add -- onlineddl:no-transaction to a file that must run statement by statement)")
                continue
            }
            guard name.hasSuffix(".sql") else { continue }
            switch FileName((name as NSString).lastPathComponent) {
            case .versioned(let version, let description)?:
                contents.files.append(folder.migration(at: name, version: version, name: description))
            case .undo?:
                ignore(.down, "Flyway undo migration")
            case .repeatable?:
                ignore(.unsupported, "Flyway repeatable migration, not supported: put its statements in a versioned migration, or keep running it with Flyway")
            case .baseline?:
                ignore(.unsupported, "Flyway baseline migration, not run: onlineddl applies the versioned migrations it stands for")
            case .callback?:
                ignore(.unsupported, "Flyway callback, not supported")
            case nil:
                throw .badFileName(path, .flyway)
            }
        }
        return contents
    }
}
