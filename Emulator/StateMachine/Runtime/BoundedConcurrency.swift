/// Runs indexed operations with a cap on how many are in flight: Map iterations and child
/// executions.
enum BoundedConcurrency {
    /// What to do after a result arrives.
    enum Decision {
        /// Keep starting operations.
        case proceed
        /// Start no more; let those in flight finish (a Map Run past its failure tolerance).
        case drain
        /// Start no more and cancel those in flight (a failed iteration or branch).
        case cancel
    }

    /// Starts operations in index order, at most `limit` at a time, and hands each result to
    /// `onResult` as it completes.
    static func run<Value: Sendable>(
        count: Int, limit: Int, operation: @escaping @Sendable (Int) async -> Value,
        onResult: (Int, Value) -> Decision
    ) async {
        await withTaskGroup(of: (Int, Value).self) { group in
            var nextIndex = 0
            var scheduling = true
            while nextIndex < min(max(limit, 1), count) {
                let index = nextIndex
                group.addTask { (index, await operation(index)) }
                nextIndex += 1
            }
            while let (index, value) = await group.next() {
                switch onResult(index, value) {
                case .proceed: break
                case .drain: scheduling = false
                case .cancel:
                    group.cancelAll()
                    return
                }
                if scheduling, nextIndex < count {
                    let next = nextIndex
                    group.addTask { (next, await operation(next)) }
                    nextIndex += 1
                }
            }
        }
    }
}
