/// One event handed out by `GET /runtime/invocation/next`, with its context.
public struct Invocation: Sendable {
    public let event: [UInt8]
    public let context: LambdaContext

    public init(event: [UInt8], context: LambdaContext) {
        self.event = event
        self.context = context
    }
}

/// What a handler answers: the bytes to return and their content type.
public struct LambdaResponse: Sendable {
    public var body: [UInt8]
    public var contentType: String

    public init(body: [UInt8], contentType: String = "application/json") {
        self.body = body
        self.contentType = contentType
    }
}
