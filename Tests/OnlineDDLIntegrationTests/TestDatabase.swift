import Foundation
import OnlineDDL
import Testing

/// The live server the integration tests run against, started by `scripts/test`.
///
/// There is no fallback and no skip: without `ONLINEDDL_TEST_DATABASE_URL` every
/// integration test fails and says how to run the suite.
enum TestDatabase {
    struct NotConfigured: Error, CustomStringConvertible {
        let description = """
            ONLINEDDL_TEST_DATABASE_URL is not set. The integration tests need a real PostgreSQL server: \
            run `scripts/test`, which starts throwaway PostgreSQL 15 and 18 servers and runs the suite against each.
            """
    }

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ONLINEDDL_TEST_DATABASE_URL"], !url.isEmpty else {
            throw NotConfigured()
        }
        return url
    }

    struct NoStandby: Error, CustomStringConvertible {
        let description = """
            ONLINEDDL_TEST_STANDBY_URL is not set. The standby tests need a streaming hot standby of the test server: \
            run `scripts/test`, which starts one beside each primary.
            """
    }

    /// The hot standby `scripts/test` started beside the server.
    static func standbyURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["ONLINEDDL_TEST_STANDBY_URL"], !url.isEmpty else {
            throw NoStandby()
        }
        return url
    }

    /// The major version `scripts/test` says it started, so a wrong server is caught.
    static var expectedMajorVersion: Int? {
        ProcessInfo.processInfo.environment["ONLINEDDL_TEST_PG_MAJOR"].flatMap { Int($0) }
    }

    static func connect() throws -> Connection {
        try Connection(ConnectionString(url()))
    }

    /// The test server's URL with another user and password (TCP, so pg_hba asks for it).
    static func url(user: String, password: String) throws -> String {
        var components = try #require(URLComponents(string: url()))
        components.user = user
        components.password = password
        return try #require(components.string)
    }

    /// A name no other test uses, for tables and roles.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// Runs the `onlineddl` executable built next to the test bundle.
enum CLI {
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var combined: String { standardOutput + standardError }
    }

    static var executable: URL {
        get throws {
            let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for candidate in [buildDirectory, buildDirectory.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("onlineddl")
                if FileManager.default.isExecutableFile(atPath: path.path) { return path }
            }
            Issue.record("onlineddl executable not found near \(buildDirectory.path); build with `swift build --build-tests`")
            throw CocoaError(.fileNoSuchFile)
        }
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:], standardInput: String? = nil, directory: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((standardInput ?? "").utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: stdout, as: UTF8.self),
            standardError: String(decoding: stderr, as: UTF8.self)
        )
    }
}
