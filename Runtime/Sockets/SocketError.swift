/// A socket that could not be resolved, connected or bound, with the system's reason.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case resolve
        case connect
        /// The connect did not complete before its deadline.
        case timeout
        case listen
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
