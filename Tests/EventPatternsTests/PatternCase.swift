import EventPatterns
import StateMachine
import Testing

/// One pattern against one event, with the answer EventBridge gives.
struct PatternCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    /// The event's `detail`, or a whole event when it has a `source`.
    let event: String
    let matches: Bool

    init(_ pattern: String, _ event: String, _ matches: Bool) {
        self.pattern = pattern
        self.event = event
        self.matches = matches
    }

    var testDescription: String { "\(pattern) on \(event) → \(matches)" }

    /// The event: `event` as the detail of an S3 Object Created event, unless it is a whole event.
    func eventValue() throws -> JSONValue {
        let given = try JSONValue(parsing: event)
        if given["source"] != nil { return given }
        guard case .object(var base) = try JSONValue(parsing: Self.envelope) else { return given }
        base["detail"] = given
        return .object(base)
    }

    static let envelope = """
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Object Created","source":"aws.s3",\
        "account":"123456789012","time":"2025-03-01T12:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::landing"]}
        """
}

/// A pattern EventBridge refuses, with the reason it gives.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let reason: String

    init(_ pattern: String, _ reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    var testDescription: String { pattern }
}
