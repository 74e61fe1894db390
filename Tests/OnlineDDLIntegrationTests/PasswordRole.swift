import Foundation
import OnlineDDL
import Testing

/// A login role of one test's own that must authenticate with a password (scripts/test's
/// pg_hba asks members of `onlineddl_password_auth` for scram-sha-256 on TCP). It has no
/// privileges beyond PUBLIC's: on PostgreSQL 15 and later it may not create schemas, nor
/// tables in `public`.
struct PasswordRole {
    let name = TestDatabase.uniqueName("pw_user")
    let password = "Pw-\(UInt64.random(in: 1...UInt64.max))-s3cret"
    let admin: Connection

    init() throws {
        admin = try TestDatabase.connect()
        try admin.execute("CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE onlineddl_password_auth")
    }

    /// The test server's URL as this role, with `password` (its own by default).
    func url(password: String? = nil) throws -> String {
        try TestDatabase.url(user: name, password: password ?? self.password)
    }

    /// Drops the role with what it owns and the privileges it was granted.
    func drop() {
        _ = try? admin.execute("DROP OWNED BY \(name) CASCADE; DROP ROLE IF EXISTS \(name)")
    }
}
