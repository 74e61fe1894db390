import Foundation
import Testing
@testable import OnlineDDLLocking

extension LockingTests {
    @Suite("Locking: modes and the conflict table")
    struct LockingModeTests {
        /// lock.c `LockConflicts`, row by row.
        @Test func conflictMasksMatchLockConflicts() {
            let masks: [UInt16] = [0x100, 0x180, 0x1E0, 0x1F0, 0x1D8, 0x1F8, 0x1FC, 0x1FE]
            #expect(LockMode.allCases.map(\.conflictingModes.rawValue) == masks)
        }

        /// The matrix of the *Explicit Locking* documentation: rows request, columns hold.
        @Test func fullConflictMatrix() {
            let matrix = [
                ".......X",
                "......XX",
                "....XXXX",
                "...XXXXX",
                "..XX.XXX",
                "..XXXXXX",
                ".XXXXXXX",
                "XXXXXXXX",
            ]
            for (requested, row) in zip(LockMode.allCases, matrix) {
                let actual = String(LockMode.allCases.map { requested.conflicts(with: $0) ? "X" : "." })
                #expect(actual == row, "\(requested)")
            }
        }

        @Test func conflictsAreSymmetric() {
            for first in LockMode.allCases {
                for second in LockMode.allCases {
                    #expect(first.conflicts(with: second) == second.conflicts(with: first))
                }
            }
        }

        @Test func namesAndNumbers() {
            #expect(LockMode.allCases.map(\.rawValue) == [1, 2, 3, 4, 5, 6, 7, 8])
            #expect(LockMode.allCases.map(\.pgLocksName) == [
                "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
                "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
            ])
            #expect(LockMode.allCases.map(\.sqlName) == [
                "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
                "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE",
            ])
            for mode in LockMode.allCases {
                #expect(LockMode(pgLocksName: mode.pgLocksName) == mode)
                #expect(LockMode(sqlName: mode.sqlName) == mode)
            }
            #expect(LockMode(pgLocksName: "SIReadLock") == nil)
            #expect(LockMode(pgLocksName: "ACCESS SHARE") == nil)
            #expect(LockMode(sqlName: "AccessShareLock") == nil)
        }

        @Test func modeSetBits() {
            var set = LockModeSet(.accessShare)
            #expect(set.rawValue == 0x002)
            set.insert(.accessExclusive)
            #expect(set.rawValue == 0x102)
            #expect(set.contains(.accessExclusive))
            #expect(!set.contains(.share))
            #expect(set.modes == [.accessShare, .accessExclusive])
            #expect(set.description == "[AccessShareLock, AccessExclusiveLock]")
            set.remove(.accessShare)
            #expect(set == LockModeSet(.accessExclusive))
            #expect(LockModeSet(rawValue: 0xFFFF) == .all)
            #expect(LockModeSet.all.modes == LockMode.allCases)
            #expect(LockModeSet([LockModeSet(.rowShare), LockModeSet(.share)]).conflictingModes.rawValue == 0x180 | 0x1D8)
            #expect(LockModeSet().conflictingModes.isEmpty)
            #expect(LockModeSet(.share).intersects(LockMode.rowExclusive.conflictingModes))
        }

        @Test func modesTravelInJSONByPgLocksName() throws {
            let data = try JSONEncoder().encode([LockMode.shareUpdateExclusive])
            #expect(String(decoding: data, as: UTF8.self) == #"["ShareUpdateExclusiveLock"]"#)
            #expect(try JSONDecoder().decode([LockMode].self, from: data) == [.shareUpdateExclusive])
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([LockMode].self, from: Data(#"["ShareUpdateExclusive"]"#.utf8))
            }
        }
    }
}
