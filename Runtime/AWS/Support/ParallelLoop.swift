import Dispatch
import Synchronization

/// Runs `body` for indices `0..<count`, at most `width` at a time, on threads of their own, and
/// returns the results in index order.
///
/// The work is blocking I/O (libcurl's easy interface), so it must not run on Swift's cooperative
/// pool, whose few threads it would hold. Each worker is a serial dispatch queue, which gets a thread
/// of its own whatever the CPU count (a Lambda may have one vCPU and still want eight copies in
/// flight). The first failure stops workers from taking new indices and is rethrown.
public enum ParallelLoop {
    public static func run<Result: Sendable, Failure: Error>(
        count: Int, width: Int, _ body: @escaping @Sendable (Int) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        let progress = LoopProgress<Result, Failure>(count: count)
        let group = DispatchGroup()
        for worker in 0..<max(1, min(width, count)) {
            DispatchQueue(label: "parallel-loop.\(worker)").async(group: group) {
                while let index = progress.take() {
                    do throws(Failure) {
                        progress.record(try body(index), at: index)
                    } catch {
                        progress.fail(error)
                    }
                }
            }
        }
        group.wait()
        return try progress.outcome()
    }
}

/// The loop's shared state: which index is next, the results so far, the first failure.
private final class LoopProgress<Result: Sendable, Failure: Error>: Sendable {
    private struct State {
        var results: [Result?]
        var nextIndex = 0
        var failure: Failure?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(results: Array(repeating: nil, count: count)))
    }

    func take() -> Int? {
        state.withLock { state in
            guard state.failure == nil, state.nextIndex < state.results.count else { return nil }
            defer { state.nextIndex += 1 }
            return state.nextIndex
        }
    }

    func record(_ result: Result, at index: Int) {
        state.withLock { $0.results[index] = result }
    }

    func fail(_ error: Failure) {
        state.withLock { state in
            if state.failure == nil { state.failure = error }
        }
    }

    func outcome() throws(Failure) -> [Result] {
        let (results, failure) = state.withLock { ($0.results, $0.failure) }
        if let failure { throw failure }
        return results.map { $0! }
    }
}
