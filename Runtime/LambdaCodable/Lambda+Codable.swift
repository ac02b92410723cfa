#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import LambdaRuntime

// The typed handlers live apart from the loop (LambdaRuntime), so a function over bytes, such as
// the benchmarks' Echo, links no Foundation: JSONDecoder and JSONEncoder come with this module.

extension Lambda {
    /// Runs the loop with a handler over JSON values: the event is decoded into `Event`, the answer
    /// encoded from `Output`. An event that does not decode is reported as `Function.DecodingError`
    /// with the decoder's reason, and the loop goes on.
    public static func run<Event: Decodable, Output: Encodable>(
        initialise: () async throws -> (Event, LambdaContext) async throws -> Output
    ) async -> Never {
        await run(initialise: {
            let handler = try await initialise()
            return JSONHandler(handler: handler).handle
        })
    }

    /// The same, for a handler that needs no set-up.
    public static func run<Event: Decodable, Output: Encodable>(
        _ handler: @escaping (Event, LambdaContext) async throws -> Output
    ) async -> Never {
        await run(initialise: { handler })
    }

    /// Decodes an event as the loop does for a typed handler: `Event` from JSON, or
    /// ``EventDecodingError`` with the decoder's reason.
    public static func decodeEvent<Event: Decodable>(
        _ event: [UInt8], as type: Event.Type, decoder: JSONDecoder = JSONDecoder()
    ) throws(EventDecodingError) -> Event {
        do {
            return try decoder.decode(Event.self, from: Data(event))
        } catch {
            throw EventDecodingError(reason: String(describing: error), typeName: String(describing: Event.self))
        }
    }
}

/// Adapts a typed handler to bytes with one decoder and one encoder reused for every invocation.
struct JSONHandler<Event: Decodable, Output: Encodable> {
    let handler: (Event, LambdaContext) async throws -> Output
    let decoder = JSONDecoder()
    let encoder = JSONEncoder()

    func handle(_ event: [UInt8], context: LambdaContext) async throws -> LambdaResponse {
        let decoded = try Lambda.decodeEvent(event, as: Event.self, decoder: decoder)
        return LambdaResponse(body: Array(try encoder.encode(try await handler(decoded, context))))
    }
}

/// The event is not the JSON the handler expects.
public struct EventDecodingError: FunctionError {
    public let reason: String
    public let typeName: String

    public var errorType: String { "DecodingError" }
    public var errorMessage: String { "the event does not decode as \(typeName): \(reason)" }
    public var errorCategory: String { "Function.DecodingError" }
}
