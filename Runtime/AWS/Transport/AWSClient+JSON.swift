#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension AWSClient {
    /// Calls an operation of a JSON-protocol service (DynamoDB, SQS, Secrets Manager, Step
    /// Functions): `POST /` with `X-Amz-Target: <prefix>.<operation>` and a JSON body.
    ///
    /// JSON goes through Foundation's `JSONEncoder`/`JSONDecoder` from FoundationEssentials: it is
    /// already linked by any Swift program using `Date`, costs nothing extra in binary size, and
    /// Codable keeps the request and response shapes declarative.
    public func json<Input: Encodable, Output: Decodable>(
        _ service: ServiceDescriptor, _ operation: String, _ input: Input, resource: String? = nil,
        as output: Output.Type = Output.self
    ) throws(AWSError) -> Output {
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(input))
        } catch {
            throw AWSError(
                service: service.name, operation: operation, resource: resource, code: "RequestEncoding",
                message: "could not encode the request", cause: error)
        }
        let response = try json(service, operation, body: body, resource: resource)
        do {
            return try JSONDecoder().decode(Output.self, from: Data(response.body))
        } catch {
            throw AWSError(
                service: service.name, operation: operation, resource: resource, code: "ResponseParsing",
                message: "unexpected response: \(String(decoding: response.body.prefix(200), as: UTF8.self))",
                httpStatus: response.status, cause: error)
        }
    }

    /// The same call with the JSON written and read by the caller, for a program that has its own
    /// JSON values (the emulator): `body` goes as it is, and an empty answer comes back as `{}`.
    public func json(
        _ service: ServiceDescriptor, _ operation: String, body: [UInt8], resource: String? = nil
    ) throws(AWSError) -> AWSResponse {
        let request = AWSRequest(
            method: "POST", path: "/",
            headers: [
                ("Content-Type", service.jsonContentType),
                ("X-Amz-Target", "\(service.jsonTargetPrefix ?? service.signingName).\(operation)"),
            ],
            body: .bytes(body))
        var response = try send(request, to: service, operation: operation, resource: resource)
        if response.body.isEmpty { response.body = Array("{}".utf8) }
        return response
    }
}

/// The output of operations whose response carries nothing the caller needs.
public struct EmptyOutput: Decodable, Sendable {}
