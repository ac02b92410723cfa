public import StateMachine

/// A function subscribed to an SNS topic: it gets the messages published to the topic while the
/// emulator runs (``TopicEventSource``), and replayed SNS events.
public struct TopicSubscription: Sendable {
    public let topicARN: String
    /// The function's logical id.
    public let function: String
    /// The messages the function gets; nil for all of them.
    public var filterPolicy: SubscriptionFilterPolicy? = nil

    /// Whether the function gets a message with this body and these attributes.
    public func admits(message: String, attributes: JSONValue?) -> Bool {
        filterPolicy?.admits(message: message, attributes: attributes) ?? true
    }
}

/// A function behind an API Gateway route: `start-api` serves the REST API ones, and every route
/// directs replayed API Gateway events.
public struct APIRoute: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case rest, http
    }

    public let kind: Kind
    /// `GET`, `POST`, … or `ANY`.
    public let method: String
    /// `/transfers/{id}`, `/files/{proxy+}`, or `$default`.
    public let path: String
    /// The function (which gets the request) or state machine (which gets its body as input).
    public let destination: TargetDestination
    /// The `RestApiId` (or `ApiId`) as resolved, the API's local name; nil for SAM's implicit API.
    public var api: String? = nil
    /// The route's own `Auth.Authorizer` (`AWS_IAM`, `NONE`, …); nil takes the API's default.
    public var authorizer: String? = nil

    /// Whether a request for `method` on `requestPath` takes this route.
    public func takes(method requestMethod: String, path requestPath: String) -> Bool {
        guard method == "ANY" || method == requestMethod.uppercased() else { return false }
        if path == "$default" { return true }
        let pattern = path.split(separator: "/")
        let actual = requestPath.split(separator: "/")
        for (index, part) in pattern.enumerated() {
            if part.hasPrefix("{"), part.hasSuffix("+}") { return actual.count > index }
            guard index < actual.count else { return false }
            if part.hasPrefix("{"), part.hasSuffix("}") { continue }
            guard part == actual[index] else { return false }
        }
        return pattern.count == actual.count
    }
}
