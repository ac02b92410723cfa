import Synchronization

/// A thread-safe count shared between a test and the server threads it starts.
public final class Counter: Sendable {
    private let storage = Mutex(0)

    public init() {}

    public var value: Int { storage.withLock { $0 } }

    /// Adds one and returns the new value.
    @discardableResult
    public func increment() -> Int {
        storage.withLock { value in
            value += 1
            return value
        }
    }
}
