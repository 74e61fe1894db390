import Foundation
import OnlineDDL
import Testing
import SeededRandom

/// Bad migration folders through the real CLI against the real server: each is refused
/// before anything runs, with exit code 2 and a message that says what is wrong and what
/// to do, and leaves no table and no history table behind.
@Suite("Integration: hostile migration folders are refused before anything runs", .serialized)
struct HostileInputTests {
    /// A fixture whose first migration would create its table, so "nothing applied" is
    /// visible: the table and the history table stay absent.
    private func fixture(prefix: String = "hostile") throws -> ApplyFixture {
        try ApplyFixture(["0001_create.sql": "CREATE TABLE {t} (id int);\n"], prefix: prefix)
    }

    private func writeBytes(_ fixture: ApplyFixture, _ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.path(name)))
    }

    /// `apply` (text and JSON) and `plan` (connected and offline) refuse the folder with exit
    /// code 2 and an error containing each of `messages`, and `status` too when it reads
    /// what is wrong (the folder, or a file's bytes, not the files' SQL); nothing is applied.
    /// With `planReports`, the fault is one file's, and `plan` reports it as the finding of
    /// that rule among the plan of the other files, which it prints before refusing.
    private func expectRefused(
        _ fixture: ApplyFixture, _ messages: String..., status checksStatus: Bool = false, planReports rule: String? = nil
    ) throws {
        let url = try TestDatabase.url()
        var runs = [
            ("apply", try fixture.applyCLI()),
            ("apply --format json", try fixture.applyCLI(["--format", "json"])),
            ("plan", try CLI.run(["plan", fixture.folder, "--database-url", url, "--history-table", fixture.history.description])),
            ("plan --offline", try CLI.run(["plan", fixture.folder, "--offline"])),
        ]
        if checksStatus {
            runs.append(("status", try CLI.run(["status", fixture.folder, "--database-url", url, "--history-table", fixture.history.description])))
        }
        for (command, output) in runs {
            #expect(output.status == 2, "\(command): \(output.combined)")
            #expect(output.standardError.contains("onlineddl: error: "), "\(command): \(output.standardError)")
            for message in messages {
                #expect(output.standardError.contains(message), "\(command): \(output.standardError)")
            }
            if let rule, command.hasPrefix("plan") {
                #expect(output.standardOutput.contains("[\(rule)]"), "\(command): \(output.standardOutput)")
                #expect(output.standardOutput.contains("0001_create (\(fixture.path("0001_create.sql"))): one transaction"),
                        "\(command): \(output.standardOutput)")
            } else {
                #expect(output.standardOutput.isEmpty, "\(command) printed before refusing: \(output.standardOutput)")
            }
        }
        #expect(try fixture.columns().isEmpty, "the first migration's table was created")
        #expect(try !fixture.history.exists(on: fixture.observer), "the history table was created")
    }

    @Test func invalidUTF8IsRefusedAtItsByte() throws {
        let fixture = try fixture()
        try writeBytes(fixture, "0002_latin1.sql", Array("ALTER TABLE t ADD COLUMN c text;\nCOMMENT ON TABLE t IS 'caf".utf8) + [0xE9, 0x27, 0x3B, 0x0A])
        try expectRefused(
            fixture, "\(fixture.path("0002_latin1.sql")):2:27: file is not valid UTF-8 at byte 0xE9; save it as UTF-8", planReports: "unreadable-file")
    }

    @Test func aBinaryFileIsRefused() throws {
        let fixture = try fixture()
        var random = SplitMix64(seed: 7)
        var bytes = (0..<4096).map { _ in UInt8.random(in: 1...255, using: &random) }
        bytes[100] = 0
        try writeBytes(fixture, "0002_blob.sql", bytes)
        try expectRefused(fixture, "\(fixture.path("0002_blob.sql")):", ": file contains a NUL byte; is it a binary file?", planReports: "unreadable-file")
    }

    @Test func aMissingFolderIsRefused() throws {
        let folder = "/tmp/onlineddl-no-such-folder-\(UUID())"
        for arguments in [["apply", folder], ["plan", folder], ["plan", folder, "--offline"], ["status", folder]] {
            let output = try CLI.run(arguments + ["--database-url", TestDatabase.url()])
            #expect(output.status == 2, "\(arguments): \(output.combined)")
            let what = arguments[0] == "plan" ? "no such file or directory" : "no such directory"
            #expect(output.standardError == "onlineddl: error: \(folder): \(what)\n")
        }
    }

    @Test func anUpperCaseExtensionIsRefusedWithTheNameToUse() throws {
        let fixture = try fixture()
        try fixture.write("0002_shout.SQL", "ALTER TABLE {t} ADD COLUMN c int;\n")
        try expectRefused(fixture, "\(fixture.path("0002_shout.SQL")): migration files end in lower-case .sql; rename it to \(fixture.path("0002_shout")).sql", status: true)
    }

    @Test func aDirectoryNamedLikeAMigrationIsRefused() throws {
        let fixture = try fixture()
        try FileManager.default.createDirectory(atPath: fixture.path("0002_x.sql"), withIntermediateDirectories: false)
        try expectRefused(fixture, "\(fixture.path("0002_x.sql")): a directory named like a migration file; move it out of the folder or rename it", status: true)
    }

    @Test func aBrokenSymbolicLinkIsRefused() throws {
        let fixture = try fixture()
        try FileManager.default.createSymbolicLink(atPath: fixture.path("0002_gone.sql"), withDestinationPath: "/tmp/onlineddl-no-such-file-\(UUID()).sql")
        try expectRefused(fixture, "\(fixture.path("0002_gone.sql")): a symbolic link to a file that does not exist", status: true)
    }

    /// A file whose read fails. Root reads any file whatever its mode, so under root (CI
    /// containers) the file is a symbolic link to `/proc/self/mem`, which fails to read at
    /// offset 0 (EIO) for every user; otherwise it is a file with mode 000.
    @Test func anUnreadableFileIsRefused() throws {
        let fixture = try fixture()
        let path = fixture.path("0002_secret.sql")
        if getuid() == 0 {
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/proc/self/mem")
        } else {
            try fixture.write("0002_secret.sql", "ALTER TABLE {t} ADD COLUMN c int;\n")
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        }
        try expectRefused(fixture, "\(path):1:1: cannot be read (check permissions)", status: true, planReports: "unreadable-file")
    }

    /// Names with spaces and non-ASCII letters, and symbolic links to files, are ordinary
    /// migrations.
    @Test func oddButValidNamesAreApplied() throws {
        let fixture = try fixture()
        try fixture.write("0002_ü name.sql", "ALTER TABLE {t} ADD COLUMN ü int;\n")
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("linked-\(UUID()).sql")
        try Data("ALTER TABLE \(fixture.table) ADD COLUMN linked int;\n".utf8).write(to: target)
        defer { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.createSymbolicLink(atPath: fixture.path("0003_linked.sql"), withDestinationPath: target.path)

        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardOutput.contains("0002 ü name: 1 statement"))
        #expect(try fixture.columns() == ["id", "ü", "linked"])
        #expect(try fixture.records()["2"]?.name == "ü name")
        let status = try CLI.run(["status", fixture.folder, "--database-url", TestDatabase.url(), "--history-table", fixture.history.description])
        #expect(status.status == 0)
        #expect(status.standardOutput.contains("applied      0002 ü name"), "\(status.standardOutput)")
    }

    /// 20 MB, 200,000 statements in one transactional file: applied in one go, in a time
    /// proportional to its size (the prediction gate looks at the live lock table once per
    /// new lock, not once per statement).
    @Test func aTwentyMegabyteFileIsApplied() throws {
        let fixture = try fixture(prefix: "huge")
        let padding = String(repeating: "x", count: 48)
        var text = ""
        text.reserveCapacity(21_000_000)
        for row in 0..<200_000 {
            text += "INSERT INTO \(fixture.table) (id) SELECT \(row) WHERE '\(padding)' <> '';\n"
        }
        #expect(text.utf8.count > 20_000_000)
        try fixture.write("0002_rows.sql", text)

        let started = ContinuousClock.now
        let output = try fixture.applyCLI()
        let elapsed = ContinuousClock.now - started
        #expect(output.status == 0, "\(output.combined.suffix(2000))")
        #expect(output.standardOutput.contains("0002 rows: 200000 statements, in one transaction"))
        #expect(elapsed < .seconds(300), "apply took \(elapsed)")
        print("huge file: 20 MB, 200,000 statements applied in \(elapsed)")
        #expect(try fixture.observer.query("SELECT count(*) AS n FROM \(fixture.table)").rows[0].decode("n", as: Int.self) == 200_000)
        let record = try #require(try fixture.records()["2"])
        #expect(record.statementsApplied == 200_000 && record.statementsTotal == 200_000)
    }
}
