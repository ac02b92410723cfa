/// Why an event could not be delivered to a target (or read, or routed), said so a user can act.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
