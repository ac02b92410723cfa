/// A document `MiniXMLParser` could not read: where (byte offset) and why.
public struct MiniXMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "malformed XML at byte \(offset): \(reason)" }
}
