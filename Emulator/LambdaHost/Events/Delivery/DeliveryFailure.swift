/// Why an event could not be delivered to a target (or read, or routed), said so a user can act.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// Whether trying again may succeed (throttling, a service or network error), so a rule's
    /// `RetryPolicy` applies.
    public let isRetryable: Bool
    /// Whether the target took the event and failed with it afterwards (a function invoked
    /// asynchronously that failed every attempt): the rule delivered it, so neither its retries
    /// nor its dead-letter queue apply.
    public let wasAccepted: Bool

    public init(_ message: String, isRetryable: Bool = false, wasAccepted: Bool = false) {
        self.message = message
        self.isRetryable = isRetryable
        self.wasAccepted = wasAccepted
    }

    public var description: String { message }
}
