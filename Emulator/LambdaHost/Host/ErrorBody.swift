import Foundation
import JSONText

/// The error document an invocation returns, and its `errorType` for the caller.
struct ErrorBody {
    let body: [UInt8]
    let errorType: String?

    /// A runtime's own report: its body as sent, its type from the body or else from the
    /// `Lambda-Runtime-Function-Error-Type` header.
    init(body: [UInt8], headerType: String?) {
        self.body = body
        let parsed = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        errorType = (parsed?["errorType"] as? String) ?? headerType
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
        Array(#"{"errorType":\#(JSONText.quoted(errorType)),"errorMessage":\#(JSONText.quoted(errorMessage))}"#.utf8)
    }
}

/// Durations as Lambda's REPORT lines write them.
enum Milliseconds {
    static func text(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    /// Billed time: whole milliseconds, rounded up, at least 1.
    static func billed(_ duration: Duration) -> Int {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return max(1, Int(milliseconds.rounded(.up)))
    }
}

/// X-Ray trace headers for invocations whose caller gave none.
enum TraceID {
    static func make() -> String {
        let epoch = String(Int(Date().timeIntervalSince1970), radix: 16)
        let root = (0..<24).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        let parent = (0..<16).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        return "Root=1-\(epoch)-\(root);Parent=\(parent);Sampled=0"
    }
}
