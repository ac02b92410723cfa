#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaRuntime

/// Echo: returns its event unchanged, or fails with the given message when the event is
/// `{"error": "…"}`. It measures the runtime loop itself, so the common path does no JSON work.
/// With `ECHO_INIT_ERROR` set, its initialisation fails with that message instead, which is how the
/// tests see a real function report `/runtime/init/error`.
await Lambda.run(initialise: {
    if let message = ProcessInfo.processInfo.environment["ECHO_INIT_ERROR"] {
        throw EchoRequestedError(errorMessage: message)
    }
    return { event, _ in
        if let message = EchoRequestedError.message(in: event) {
            throw EchoRequestedError(errorMessage: message)
        }
        return LambdaResponse(body: event)
    }
})

/// The error an event asked Echo to throw.
struct EchoRequestedError: FunctionError {
    let errorMessage: String
    var errorType: String { "EchoRequestedError" }

    private struct Request: Decodable {
        let error: String
    }

    /// The message of an `{"error": "…"}` event; decoded only when the bytes mention `"error"`.
    static func message(in event: [UInt8]) -> String? {
        let marker = Array(#""error""#.utf8)
        let mentionsError = event.withUnsafeBufferPointer { bytes in
            bytes.count >= marker.count
                && (0...(bytes.count - marker.count)).contains { start in
                    bytes[start] == marker[0] && (1..<marker.count).allSatisfy { bytes[start + $0] == marker[$0] }
                }
        }
        guard mentionsError else { return nil }
        return try? JSONDecoder().decode(Request.self, from: Data(event)).error
    }
}
