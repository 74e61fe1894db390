import Foundation

/// Runs libpg_query's tree-building calls on a thread whose stack fits the input.
///
/// libpg_query writes a parse tree out recursively, with no depth check: a statement
/// such as `SELECT 1+1+…+1` with 70,000 terms (140 kB) overflows an 8 MB stack and
/// kills the process. The tree's depth is bounded by the statement's token count, and
/// libpg_query needs well under `bytesPerToken` of stack per token (about 64 measured),
/// so a thread sized from the longest statement's token count cannot overflow.
enum ParserThread {
    /// Stack for everything but the tree's depth, including the reading of the tree.
    static let baseStackSize = 16 << 20
    /// Stack reserved per token of the longest statement.
    static let bytesPerToken = 256
    /// Most tokens one statement may have: a 1,000,000-token statement gets a 272 MB stack
    /// (reserved address space; only what is used is backed by memory).
    static let maxStatementTokens = 1_000_000

    /// Runs `body` on a new thread whose stack fits statements of up to `tokens` tokens,
    /// and returns its result.
    static func run<T>(statementTokens tokens: Int, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = baseStackSize + bytesPerToken * min(max(tokens, 0), maxStatementTokens)
        thread.start()
        done.wait()
        return box.value!
    }

    /// Carries the result from the parser thread; written once before the semaphore is
    /// signalled, read once after.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
