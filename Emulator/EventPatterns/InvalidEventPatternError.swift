/// A pattern EventBridge would refuse, with the reason its rule compiler gives.
///
/// The reasons are event-ruler's (AWS's own matcher), so `aws events test-event-pattern` against
/// AWS and the emulator fail alike: `Empty arrays are not allowed`, `"source" must be an object or
/// an array`, `Bad numeric range operator: >`. AWS appends Jackson's position in the text
/// (`at [Source: …; line: 1, column: 11]`); this reason does not.
public struct InvalidEventPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exception's name on the wire, as SDKs raise it.
    public static let exceptionName = "InvalidEventPatternException"

    /// Why the pattern is refused.
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    /// The message AWS sends with the exception.
    public var message: String { "Event pattern is not valid. Reason: \(reason)" }

    public var description: String { "\(Self.exceptionName): \(message)" }
}
