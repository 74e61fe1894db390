import CLibPQ
import Foundation
import OnlineDDLParsing
import OnlineDDLSupport

/// One libpq connection, owned by this object and closed when it is released.
///
/// A connection is used by one thread at a time. To cancel a running statement from
/// another thread, take a `QueryCanceller` first with `makeCanceller()`.
public final class Connection {
    private let handle: OpaquePointer
    /// Passwords that could appear in this connection's messages (including one libpq
    /// found in `PGPASSWORD` or `~/.pgpass`).
    private let secrets: [String]
    /// Scrubs the passwords of the connection string this connection was opened with.
    private let connectionScrubber: ConnectionString

    /// Where this connection goes, with any password replaced by `***`.
    public let target: String
    /// The server-side names of the statements ``preparedQuery(_:_:)`` prepared, by text.
    private var preparedNames: [String: String] = [:]

    /// Connects, reading libpq's defaults and `PG*` environment variables for anything
    /// the connection string leaves out.
    public init(_ connectionString: ConnectionString = .environment) throws(PostgresError) {
        // libpq is loaded on first use (Sources/CLibPQ/libpq.c), so that commands that never
        // connect start without it.
        if let reason = onlineddl_libpq_load_error() {
            throw PostgresError(
                kind: .connection, sqlState: .unableToEstablishConnection,
                message: "libpq could not be loaded (\(String(cString: reason))); install libpq (Debian: apt-get install libpq5)")
        }
        if let reason = connectionString.parseError() {
            throw PostgresError(kind: .connection, sqlState: .unableToEstablishConnection, message: "invalid connection string: \(reason)")
        }
        guard let handle = PQconnectdb(connectionString.raw) else {
            throw PostgresError(kind: .connection, sqlState: .unableToEstablishConnection, message: "libpq could not allocate a connection")
        }
        let secrets = PQpass(handle).map { [String(cString: $0)] } ?? []
        func scrub(_ text: String) -> String {
            ConnectionString.scrub(connectionString.scrub(text), secrets: secrets)
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.singleLine(String(cString: PQerrorMessage(handle)))
            PQfinish(handle)
            throw PostgresError(kind: .connection, sqlState: .unableToEstablishConnection, message: scrub(message))
        }
        // libpq prints NOTICE and WARNING messages on stderr by default; onlineddl reports
        // what matters itself, so server chatter is not mixed into its output.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.handle = handle
        self.secrets = secrets
        self.target = scrub(Self.describeTarget(handle))
        self.connectionScrubber = connectionString
    }

    deinit {
        PQfinish(handle)
    }

    /// The server's version as a number: 150018 for 15.18, 180001 for 18.1.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// The process ID of the server backend serving this connection (`pg_backend_pid()`).
    public var backendPID: Int32 { PQbackendPID(handle) }

    /// Runs SQL with the simple query protocol. Several statements separated by
    /// semicolons are allowed; the result is the last statement's.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> QueryResult {
        try takeResult(PQexec(handle, sql))
    }

    /// Runs `sql` like ``execute(_:)``, but calls `whileWaiting` every `interval` until the
    /// result arrives (`PQsendQuery`, then `poll` on the socket): for a statement whose waits
    /// the caller watches from another session, and cancels with a ``QueryCanceller`` when
    /// it must. `whileWaiting` must not use this connection.
    @discardableResult
    public func execute(_ sql: String, checkingEvery interval: Duration, whileWaiting: () -> Void) throws(PostgresError) -> QueryResult {
        guard PQsendQuery(handle, sql) == 1 else {
            throw connectionError(String(cString: PQerrorMessage(handle)))
        }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: max(1, interval.wholeMilliseconds))
        while PQisBusy(handle) == 1 {
            if poll(&descriptor, 1, milliseconds) == 0 {
                whileWaiting()
                continue
            }
            guard PQconsumeInput(handle) == 1 else {
                drainPendingResults()
                throw connectionError(String(cString: PQerrorMessage(handle)))
            }
        }
        var last: QueryResult?
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            do {
                last = try takeResult(result)
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        guard let last else { throw PostgresError(kind: .client, message: "the server sent no result") }
        return last
    }

    /// Runs one statement with the extended protocol, sending `parameters` as `$1`, `$2`, …
    /// in text format (the server infers their types).
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> QueryResult {
        try takeResult(Self.withTexts(of: parameters) { count, values in
            PQexecParams(handle, sql, count, nil, values, nil, nil, 0)
        })
    }

    /// Like ``query(_:_:)``, but the statement is prepared on the server the first time
    /// this connection runs it and reused after: the server parses and plans it once, not
    /// on every call. For queries a connection repeats, such as the runner's catalog and
    /// lock-table reads before every migration. Not for a session that runs `DISCARD ALL`
    /// or `DEALLOCATE`, which would drop the prepared statements from under it.
    @discardableResult
    public func preparedQuery(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(PostgresError) -> QueryResult {
        let name = try preparedName(of: sql)
        return try takeResult(Self.withTexts(of: parameters) { count, values in
            PQexecPrepared(handle, name, count, values, nil, nil, 0)
        })
    }

    /// Several ``preparedQuery(_:_:)`` calls in one round trip: one simple-protocol string of
    /// `EXECUTE name(parameters)` statements, one result each, in order. The parameters are
    /// sent as quoted literals. For a read of many small queries, such as the catalog's,
    /// where waiting for the server once per query would cost more than the queries. The
    /// first error stops the rest (they run in one implicit transaction) and is thrown.
    public func preparedQueries(_ queries: [(sql: String, parameters: [any PostgresEncodable])]) throws(PostgresError) -> [QueryResult] {
        var statements: [String] = []
        for query in queries {
            let name = try preparedName(of: query.sql)
            let arguments = query.parameters.map { $0.postgresText.map(SQLIdentifier.literal) ?? "NULL" }
            statements.append(arguments.isEmpty ? "EXECUTE \(name)" : "EXECUTE \(name)(\(arguments.joined(separator: ", ")))")
        }
        guard PQsendQuery(handle, statements.joined(separator: ";\n")) == 1 else {
            throw connectionError(String(cString: PQerrorMessage(handle)))
        }
        var results: [QueryResult] = []
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            do {
                results.append(try takeResult(result))
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        guard results.count == queries.count else {
            throw PostgresError(kind: .client, message: "expected \(queries.count) results, the server sent \(results.count)")
        }
        return results
    }

    /// The server-side name of `sql`, prepared on this connection the first time.
    private func preparedName(of sql: String) throws(PostgresError) -> String {
        if let known = preparedNames[sql] { return known }
        let name = "onlineddl_\(preparedNames.count + 1)"
        _ = try takeResult(PQprepare(handle, name, sql, 0, nil))
        preparedNames[sql] = name
        return name
    }

    /// Calls `body` with `parameters` as libpq's count and array of C strings (null for SQL
    /// NULL), valid for the call only.
    private static func withTexts(
        of parameters: [any PostgresEncodable], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> OpaquePointer?
    ) -> OpaquePointer? {
        let texts = parameters.map { $0.postgresText.flatMap { strdup($0) } }
        defer { texts.forEach { free($0) } }
        return texts.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            body(Int32(buffer.count), buffer.baseAddress)
        }
    }

    /// A handle that cancels whatever statement this connection is running, from any thread.
    public func makeCanceller() throws(PostgresError) -> QueryCanceller {
        guard let cancel = PQgetCancel(handle) else {
            throw PostgresError(kind: .client, message: "libpq could not create a cancel request")
        }
        return QueryCanceller(cancel, scrub: connectionScrubber)
    }

    // MARK: - Results and errors

    /// Copies a result into Swift values and frees it, or turns it into an error.
    private func takeResult(_ result: OpaquePointer?) throws(PostgresError) -> QueryResult {
        guard let result else {
            throw connectionError(String(cString: PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return Self.copy(result)
        case PGRES_COPY_IN:
            PQputCopyEnd(handle, "onlineddl does not send COPY data")
            drainPendingResults()
            throw PostgresError(kind: .client, message: "COPY FROM STDIN is not supported; load data with INSERT or COPY FROM a server file")
        case PGRES_COPY_OUT:
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
            drainPendingResults()
            throw PostgresError(kind: .client, message: "COPY TO STDOUT is not supported")
        default:
            throw serverError(result)
        }
    }

    private func drainPendingResults() {
        while let pending = PQgetResult(handle) { PQclear(pending) }
    }

    private func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { scrub(String(cString: $0)) }
        }
        let connectionLost = PQstatus(handle) != CONNECTION_OK
        guard let message = field("M") else {
            return connectionError(String(cString: PQresultErrorMessage(result)))
        }
        return PostgresError(
            kind: connectionLost ? .connection : .server,
            sqlState: field("C").map(SQLState.init(rawValue:)),
            severity: field("V") ?? field("S"),
            message: message,
            detail: field("D"),
            hint: field("H"),
            position: field("P").flatMap { Int($0) }
        )
    }

    private func connectionError(_ message: String) -> PostgresError {
        PostgresError(kind: .connection, sqlState: .connectionFailure, message: scrub(Self.singleLine(message)))
    }

    private func scrub(_ text: String) -> String {
        ConnectionString.scrub(connectionScrubber.scrub(text), secrets: secrets)
    }

    private static func singleLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    private static func copy(_ result: OpaquePointer) -> QueryResult {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { column in
            QueryResult.Column(name: String(cString: PQfname(result, Int32(column))), typeOID: PQftype(result, Int32(column)))
        }
        let values: [[String?]] = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1
                    ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
        return QueryResult(columns: columns, values: values, commandTag: String(cString: PQcmdStatus(result)))
    }

    private static func describeTarget(_ handle: OpaquePointer) -> String {
        func value(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        return "host=\(value(PQhost(handle))) port=\(value(PQport(handle))) dbname=\(value(PQdb(handle))) user=\(value(PQuser(handle)))"
    }
}

/// Sends a cancel request for whatever statement its connection is running.
///
/// libpq documents `PQcancel` as safe to call from any thread (even a signal handler)
/// while the connection is in use elsewhere, which is what makes this type `Sendable`.
public final class QueryCanceller: @unchecked Sendable {
    private let handle: OpaquePointer
    private let scrubber: ConnectionString

    init(_ handle: OpaquePointer, scrub scrubber: ConnectionString) {
        self.handle = handle
        self.scrubber = scrubber
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Asks the server to cancel the running statement. The statement then fails with
    /// SQLSTATE 57014 (`queryCanceled`); if nothing is running, nothing happens.
    public func cancel() throws(PostgresError) {
        var buffer = [CChar](repeating: 0, count: 256)
        if PQcancel(handle, &buffer, Int32(buffer.count)) == 0 {
            let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw PostgresError(kind: .connection, message: scrubber.scrub(message))
        }
    }
}
