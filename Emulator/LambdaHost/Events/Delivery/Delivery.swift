public import StateMachine

/// One hop of an event: which rule (or notification, or mapping) sent it to which target, and
/// what came of it.
public struct Delivery: Sendable {
    /// The rule, notification or mapping that routed the event.
    public let rule: String
    /// The target, as `function Name`, `queue Name`, `state machine Name` or `topic Name`.
    public let target: String
    public let status: Status

    public enum Status: Sendable {
        /// Delivered; `detail` says what the target answered or holds.
        case delivered(detail: String)
        /// Not delivered (or the function failed), with the reason.
        case failed(reason: String)
        /// Would be delivered: a dry run.
        case planned
    }

    public init(rule: String, target: String, status: Status) {
        self.rule = rule
        self.target = target
        self.status = status
    }

    public var succeeded: Bool {
        if case .failed = status { return false }
        return true
    }

    /// The line a person reads: `rule ObjectCreated → function Router: answered {"ok":true}`.
    public var line: String {
        switch status {
        case .delivered(let detail): "\(rule) → \(target): \(detail)"
        case .failed(let reason): "\(rule) → \(target): FAILED: \(reason)"
        case .planned: "\(rule) → \(target) (dry run: not delivered)"
        }
    }

    /// `{"rule", "target", "status"}`, status `delivered`, `failed` or `planned`.
    public var json: JSONValue {
        var members: [String: JSONValue] = ["rule": .string(rule), "target": .string(target)]
        switch status {
        case .delivered(let detail):
            members["status"] = "delivered"
            members["detail"] = .string(detail)
        case .failed(let reason):
            members["status"] = "failed"
            members["detail"] = .string(reason)
        case .planned:
            members["status"] = "planned"
        }
        return .object(members)
    }
}
