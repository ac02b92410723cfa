import EventPatterns
public import StateMachine

/// An SNS subscription's `FilterPolicy`, with its `FilterPolicyScope`: which of a topic's messages
/// the subscriber gets.
///
/// SNS's filter language is EventBridge's pattern language on another document, so the policy is
/// compiled as an ``EventPattern`` and matched against what its scope names:
/// - `MessageAttributes` (the default): an object of the message's attributes by name, a `String`
///   attribute as a string, a `Number` as a number, a `String.Array` as the array it holds (a
///   policy value matches when any element does); `Binary` attributes are never matched, as on SNS.
/// - `MessageBody`: the message itself, which must be a JSON object.
///
/// Where SNS's language is narrower it refuses what SNS refuses: `wildcard` (an EventBridge
/// operator only), and nested keys in a policy on attributes (which have no structure).
public struct SubscriptionFilterPolicy: Sendable {
    public enum Scope: String, Sendable {
        case messageAttributes = "MessageAttributes"
        case messageBody = "MessageBody"
    }

    public let scope: Scope
    let pattern: EventPattern

    /// Reads a policy given as a JSON object or as its text.
    /// - Throws: ``SubscriptionFilterPolicyError`` with SNS's reason, or the pattern compiler's.
    public init(policy: JSONValue, scope scopeName: String?) throws(SubscriptionFilterPolicyError) {
        guard let scope = Scope(rawValue: scopeName ?? Scope.messageAttributes.rawValue) else {
            throw SubscriptionFilterPolicyError(reason: "FilterPolicyScope: Invalid value [\(scopeName ?? "")]. Please use either MessageBody or MessageAttributes")
        }
        var json = policy
        if case .string(let text) = policy {
            guard let parsed = try? JSONValue(parsing: text) else {
                throw SubscriptionFilterPolicyError(reason: "FilterPolicy: failed to parse JSON.")
            }
            json = parsed
        }
        if scope == .messageAttributes, case .object(let members) = json,
            let nested = members.first(where: { $0.key != "$or" && $0.value.objectValue != nil })?.key
        {
            throw SubscriptionFilterPolicyError(reason: "FilterPolicy: Filter policy scope MessageAttributes does not support nested filter policy (\(nested))")
        }
        if Self.uses("wildcard", in: json) {
            throw SubscriptionFilterPolicyError(reason: "FilterPolicy: Unrecognized match type wildcard")
        }
        do {
            pattern = try EventPattern(json: json)
        } catch {
            throw SubscriptionFilterPolicyError(reason: "FilterPolicy: \(error.reason)")
        }
        self.scope = scope
    }

    /// Whether the subscriber gets a message with this body and these attributes (SNS's
    /// `{"name": {"Type": "String", "Value": "x"}}`, as notifications and records carry them).
    public func admits(message: String, attributes: JSONValue?) -> Bool {
        switch scope {
        case .messageBody:
            guard let body = try? JSONValue(parsing: message), case .object = body else { return false }
            return pattern.matches(body)
        case .messageAttributes:
            return pattern.matches(Self.document(of: attributes?.objectValue ?? [:]))
        }
    }

    /// Whether the policy uses the operator `name`: a key of a match expression (an object in a
    /// field's list of values) or of an object inside one.
    static func uses(_ name: String, in policy: JSONValue, inExpression: Bool = false) -> Bool {
        switch policy {
        case .object(let members): (inExpression && members[name] != nil) || members.values.contains { uses(name, in: $0, inExpression: inExpression) }
        case .array(let values): values.contains { uses(name, in: $0, inExpression: true) }
        default: false
        }
    }

    /// The attributes as the policy sees them.
    static func document(of attributes: [String: JSONValue]) -> JSONValue {
        var document: [String: JSONValue] = [:]
        for (name, attribute) in attributes {
            let value = attribute["Value"]?.stringValue ?? ""
            switch attribute["Type"]?.stringValue ?? "String" {
            case "String": document[name] = .string(value)
            case "Number":
                if let number = try? JSONValue(parsing: value), number.isNumber { document[name] = number }
            case "String.Array":
                if let elements = try? JSONValue(parsing: value), case .array = elements { document[name] = elements }
            default: continue
            }
        }
        return .object(document)
    }
}

/// A `FilterPolicy` SNS would refuse (`InvalidParameter`), with its reason.
public struct SubscriptionFilterPolicyError: Error, Sendable, CustomStringConvertible {
    public let reason: String

    public var description: String { "InvalidParameter: Invalid parameter: \(reason)" }
}
