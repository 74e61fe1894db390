import Foundation

/// Runs libpg_query's tree-building calls on a thread whose stack fits the input.
///
/// libpg_query writes a parse tree out recursively, with no depth check: a statement
/// such as `SELECT 1+1+…+1` with 70,000 terms (140 kB) overflows an 8 MB stack and
/// kills the process. The tree's depth is bounded by the statement's token count, and
/// libpg_query needs well under `bytesPerToken` of stack per token (about 64 measured),
/// so a thread sized from the longest statement's token count cannot overflow.
///
/// Files whose statements fit `pooledTokens` run on a few long-lived threads of that size,
/// so that a folder of hundreds of small files does not start (and map the stack of) a
/// thread per file; a longer statement gets a thread of its own, sized for it.
enum ParserThread {
    /// Stack for everything but the tree's depth, including the reading of the tree.
    static let baseStackSize = 16 << 20
    /// Stack reserved per token of the longest statement.
    static let bytesPerToken = 256
    /// Most tokens one statement may have: a 1,000,000-token statement gets a 272 MB stack
    /// (reserved address space; only what is used is backed by memory).
    static let maxStatementTokens = 1_000_000
    /// Most tokens of a statement the long-lived threads take: their stacks are 32 MB
    /// (reserved address space, as above).
    static let pooledTokens = 65_536

    /// Runs `body` on a thread whose stack fits statements of up to `tokens` tokens, and
    /// returns its result.
    static func run<T>(statementTokens tokens: Int, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let job: @Sendable () -> Void = { box.value = body() }
        if tokens <= pooledTokens {
            let worker = workers.take()
            worker.run(job)
            workers.put(worker)
        } else {
            ParserWorker.runOnce(job, stackSize: stackSize(forTokens: tokens))
        }
        return box.value!
    }

    static func stackSize(forTokens tokens: Int) -> Int {
        baseStackSize + bytesPerToken * min(max(tokens, 0), maxStatementTokens)
    }

    private static let workers = ParserWorkerPool(stackSize: stackSize(forTokens: pooledTokens))

    /// Carries the result from the parser thread; written once before the job returns,
    /// read once after.
    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}

/// Idle long-lived parser threads; a new one is started when none is idle.
private final class ParserWorkerPool: @unchecked Sendable {
    private let stackSize: Int
    private let lock = NSLock()
    private var idle: [ParserWorker] = []

    init(stackSize: Int) {
        self.stackSize = stackSize
    }

    func take() -> ParserWorker {
        lock.withLock { idle.popLast() } ?? ParserWorker(stackSize: stackSize)
    }

    func put(_ worker: ParserWorker) {
        lock.withLock { idle.append(worker) }
    }
}

/// A thread with a stack of a chosen size that runs one job at a time for its caller,
/// who waits for each job to finish.
private final class ParserWorker: @unchecked Sendable {
    private let jobReady = DispatchSemaphore(value: 0)
    private let jobDone = DispatchSemaphore(value: 0)
    /// Set by the caller before `jobReady` is signalled, read by the thread after.
    private var job: (@Sendable () -> Void)?

    init(stackSize: Int) {
        let thread = Thread { [self] in
            while true {
                jobReady.wait()
                job?()
                job = nil
                jobDone.signal()
            }
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Runs `job` on this worker's thread and returns when it has finished.
    func run(_ job: @escaping @Sendable () -> Void) {
        self.job = job
        jobReady.signal()
        jobDone.wait()
    }

    /// Runs `job` on a new thread of `stackSize` that ends with it.
    static func runOnce(_ job: @escaping @Sendable () -> Void, stackSize: Int) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            job()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
    }
}
