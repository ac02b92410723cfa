import AWS
import StateMachine

extension AWSClient {
    /// Calls an operation of a JSON-protocol service (DynamoDB, SQS) with a request written from a
    /// `JSONValue` and the answer read back as one, so the emulator writes all its JSON one way.
    func json(_ service: ServiceDescriptor, _ operation: String, _ input: JSONValue, resource: String) throws(AWSError) -> JSONValue {
        let response = try json(service, operation, body: Array(input.serialized().utf8), resource: resource)
        do {
            return try JSONValue(parsing: String(decoding: response.body, as: UTF8.self))
        } catch {
            throw AWSError(
                service: service.name, operation: operation, resource: resource, code: "ResponseParsing",
                message: "unexpected response: \(String(decoding: response.body.prefix(200), as: UTF8.self))",
                httpStatus: response.status, cause: error)
        }
    }
}
