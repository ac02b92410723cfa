/// A refused request: the HTTP status, a `code` clients branch on and a `message` for people,
/// answered as `{"code", "message"}`.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// A field that is missing, of the wrong type or outside its limits: `field` names it.
    public static func invalid(_ field: String, _ problem: String) -> APIError {
        APIError(status: 400, code: "ValidationError", message: "\(field): \(problem)")
    }

    public static func malformedJSON(_ detail: String) -> APIError {
        APIError(status: 400, code: "MalformedJSON", message: "the body is not a JSON object: \(detail)")
    }

    /// Missing, or another customer's: both answer the same, so ids of others reveal nothing.
    public static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(status: 404, code: "NotFound", message: "no \(what) \(id)")
    }

    public static func conflict(_ code: String, _ message: String) -> APIError {
        APIError(status: 409, code: code, message: message)
    }

    /// A table, queue or secret store failed; the message says which, never a secret.
    public static func unavailable(_ message: String) -> APIError {
        APIError(status: 503, code: "ServiceUnavailable", message: message)
    }

    public var description: String { "\(status) \(code): \(message)" }

    var body: JSONBody { .object(["code": .string(code), "message": .string(message)]) }
}
