import Foundation
@testable import LambdaHost
import Testing

/// The JSON the host writes itself (error documents, the Runtime API's acknowledgement), all from
/// the state machine's JSON values, and the error type it reads from a runtime's report.
@Suite("Error documents the host writes and reads")
struct ErrorDocumentTests {
    @Test("a failure document is JSON with errorMessage and errorType, escaped and in Lambda's order")
    func failureDocument() throws {
        let document = FailureDocument(errorType: "Runtime.ExitError", errorMessage: "exit status 2: \"bad\"\n")
        let text = String(decoding: document.json, as: UTF8.self)
        #expect(text == #"{"errorMessage":"exit status 2: \"bad\"\n","errorType":"Runtime.ExitError"}"#)
    }

    @Test("a runtime's report gives its errorType, else the header's, whatever the body holds", arguments: [
        (#"{"errorMessage":"m","errorType":"ScriptError"}"#, "Header.Type", "ScriptError"),
        (#"{"errorMessage":"m"}"#, "Header.Type", "Header.Type"),
        ("not json", "Header.Type", "Header.Type"),
        (#"{"errorType":7}"#, nil, nil),
    ] as [(String, String?, String?)])
    func reportedType(_ body: String, _ header: String?, _ expected: String?) {
        #expect(ErrorBody(body: Array(body.utf8), headerType: header).errorType == expected)
    }

    @Test("the Runtime API acknowledges with {\"status\":\"OK\"}")
    func accepted() {
        #expect(String(decoding: RuntimeReply.accepted.body, as: UTF8.self) == #"{"status":"OK"}"#)
    }
}
