/// Lets one poller of a mapping gather a batch at a time, so that a batching window fills one
/// batch instead of spreading the messages over every poller; the invocations still overlap.
actor BatchGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when no other poller is gathering.
    func gather<Value: Sendable>(_ body: @Sendable () async throws -> Value) async rethrows -> Value {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { handOver() }
        return try await body()
    }

    private func handOver() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
