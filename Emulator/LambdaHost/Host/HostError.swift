/// Why the host could not run an invocation at all (as opposed to the function failing it).
public struct HostError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// No function of that name in the template.
        case functionNotFound
        /// The function's executable could not be found or started.
        case cannotStart
        /// The event is larger than Lambda accepts for the invocation type.
        case payloadTooLarge
        /// The function's reserved concurrency is zero, so every invocation is throttled.
        case throttled
        /// The host is shutting down.
        case shuttingDown
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
