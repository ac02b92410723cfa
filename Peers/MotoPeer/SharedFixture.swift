import Synchronization

/// A fixture made once per test process, on first use, by whichever test asks first: later
/// callers get the same value, or the same error when making it failed.
public final class SharedFixture<Value: Sendable>: Sendable {
    private let make: @Sendable () throws -> Value
    private let made = Mutex<Result<Value, any Error>?>(nil)

    public init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    public func get() throws -> Value {
        try made.withLock { made in
            if let made { return try made.get() }
            let result = Result { try make() }
            made = result
            return try result.get()
        }
    }
}
