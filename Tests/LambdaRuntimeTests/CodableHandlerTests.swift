import Foundation
@testable import LambdaCodable
import LambdaRuntime
import Testing

@Suite("Typed handlers over JSON")
struct CodableHandlerTests {
    struct Transfer: Codable, Equatable {
        let key: String
        let size: Int
    }

    let logs = LogCapture()

    @Test("an event that decodes reaches the handler, and the answer is encoded as JSON")
    func decodesAndEncodes() async throws {
        let client = ScriptedClient([.invocation(makeInvocation(#"{"key":"a/b.csv","size":42}"#, logger: logs.logger()))])
        let handler = JSONHandler<Transfer, Transfer> { transfer, _ in Transfer(key: transfer.key.uppercased(), size: transfer.size * 2) }
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await RuntimeLoop(client: client, logger: logs.logger()).run(handler.handle)
        }
        guard case .response(_, let body, let contentType) = try #require(client.calls.first) else {
            Issue.record("expected a response, got \(client.calls)")
            return
        }
        #expect(try JSONDecoder().decode(Transfer.self, from: Data(body)) == Transfer(key: "A/B.CSV", size: 84))
        #expect(contentType == "application/json")
    }

    @Test("an event that does not decode is reported as Function.DecodingError, naming the type, and the loop goes on")
    func reportsDecodingFailure() async throws {
        let client = ScriptedClient([
            .invocation(makeInvocation(#"{"key":"a/b.csv"}"#, requestID: "bad", logger: logs.logger())),
            .invocation(makeInvocation(#"{"key":"c","size":1}"#, requestID: "good", logger: logs.logger())),
        ])
        let handler = JSONHandler<Transfer, Transfer> { transfer, _ in transfer }
        await #expect(throws: ScriptedClient.EndOfScript.self) {
            try await RuntimeLoop(client: client, logger: logs.logger()).run(handler.handle)
        }
        guard case .error(let requestID, let report) = try #require(client.calls.first) else {
            Issue.record("expected an error report, got \(client.calls)")
            return
        }
        #expect(requestID == "bad")
        #expect(report.category == "Function.DecodingError")
        #expect(report.errorType == "DecodingError")
        #expect(report.errorMessage.contains("Transfer"))
        #expect(report.errorMessage.contains("size"))
        #expect(client.calls.count == 2)
    }
}
