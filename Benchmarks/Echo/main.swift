#if canImport(Glibc)
import Glibc
#endif
import JSONText
import LambdaRuntime

/// Echo: returns its event unchanged, or fails with the given message when the event is
/// `{"error": "…"}` (an object of strings). It measures the runtime loop itself, so the common path
/// does no JSON work, and it links no Foundation: what it loads is the loop's own footprint.
/// With `ECHO_INIT_ERROR` set, its initialisation fails with that message instead, which is how the
/// tests see a real function report `/runtime/init/error`.
await Lambda.run(initialise: {
    if let message = getenv("ECHO_INIT_ERROR").map({ String(cString: $0) }) {
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

    /// The message of an `{"error": "…"}` event; read only when the bytes mention `"error"`.
    static func message(in event: [UInt8]) -> String? {
        let marker = Array(#""error""#.utf8)
        let mentionsError = event.withUnsafeBufferPointer { bytes in
            bytes.count >= marker.count
                && (0...(bytes.count - marker.count)).contains { start in
                    bytes[start] == marker[0] && (1..<marker.count).allSatisfy { bytes[start + $0] == marker[$0] }
                }
        }
        guard mentionsError else { return nil }
        return JSONText.stringObject(event)?["error"]
    }
}
