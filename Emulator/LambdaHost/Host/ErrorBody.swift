import StateMachine

/// The error document an invocation returns, and its `errorType` for the caller.
struct ErrorBody {
    let body: [UInt8]
    let errorType: String?

    /// A runtime's own report: its body as sent, its type from the body or else from the
    /// `Lambda-Runtime-Function-Error-Type` header.
    init(body: [UInt8], headerType: String?) {
        self.body = body
        let parsed = try? JSONValue(parsing: String(decoding: body, as: UTF8.self))
        errorType = parsed?["errorType"]?.stringValue ?? headerType
    }

    init(document: FailureDocument) {
        body = document.json
        errorType = document.errorType
    }
}

/// An invocation's failure as the Runtime API's error document.
struct FailureDocument {
    let errorType: String
    let errorMessage: String

    var json: [UInt8] {
        Array(JSONValue.object(["errorType": .string(errorType), "errorMessage": .string(errorMessage)]).serialized().utf8)
    }
}

/// Durations as Lambda's REPORT lines write them.
enum Milliseconds {
    /// Milliseconds with two decimals, e.g. `12.34`.
    static func text(_ duration: Duration) -> String {
        twoDecimals(hundredths: duration.components.seconds * 100_000 + duration.components.attoseconds / 10_000_000_000_000)
    }

    /// `1234` → `12.34`, without Foundation's formatter on the per-invocation path.
    static func twoDecimals(hundredths: Int64) -> String {
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(fraction.utf8.count == 1 ? "0" + fraction : fraction)"
    }

    /// Billed time: whole milliseconds, rounded up, at least 1.
    static func billed(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return max(1, milliseconds + (remainder > 0 ? 1 : 0))
    }
}
