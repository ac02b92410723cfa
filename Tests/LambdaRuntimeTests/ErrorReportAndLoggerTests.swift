import Foundation
@testable import LambdaRuntime
import UTCTime
import Testing

@Suite("Error reports and log lines")
struct ErrorReportAndLoggerTests {
    @Test("the error document is valid JSON with the message, type and an empty stack trace, whatever the message holds")
    func errorDocumentIsValidJSON() throws {
        let message = "quote \" backslash \\ newline \n tab \t bell \u{7} unicode ✓"
        let report = ErrorReport(errorType: "Transfer.Failed", errorMessage: message, category: "Function.Unhandled")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(report.json)) as? [String: Any])
        #expect(parsed["errorMessage"] as? String == message)
        #expect(parsed["errorType"] as? String == "Transfer.Failed")
        #expect((parsed["stackTrace"] as? [Any])?.isEmpty == true)
    }

    @Test("an error that is not a FunctionError is reported under its type name and description")
    func plainErrorsUseTheirTypeName() {
        struct DiskFull: Error, CustomStringConvertible {
            var description: String { "no space left on /tmp" }
        }
        let report = ErrorReport(thrown: DiskFull())
        #expect(report.errorType == "DiskFull")
        #expect(report.errorMessage == "no space left on /tmp")
        #expect(report.category == "Function.Unhandled")
    }

    @Test("text lines carry time, request id, level and message, tab-separated")
    func textFormat() {
        let logs = LogCapture()
        logs.logger().forRequest("8476a536").info("copied 3 objects")
        let fields = logs.text.first?.split(separator: "\t").map(String.init) ?? []
        #expect(fields.count == 4)
        #expect(fields.dropFirst().map { $0 } == ["8476a536", "INFO", "copied 3 objects\n"])
        #expect(fields.first?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test("JSON lines are JSON objects with timestamp, level, requestId and message")
    func jsonFormat() throws {
        let logs = LogCapture()
        logs.logger(format: .json).forRequest("8476a536").warn("slow \"partner\"")
        let line = try #require(logs.text.first)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(parsed["level"] == "WARN")
        #expect(parsed["requestId"] == "8476a536")
        #expect(parsed["message"] == "slow \"partner\"")
        #expect(parsed["timestamp"]?.hasSuffix("Z") == true)
    }

    @Test("lines below AWS_LAMBDA_LOG_LEVEL are dropped", arguments: [
        ("DEBUG", ["DEBUG", "INFO", "ERROR"]), ("INFO", ["INFO", "ERROR"]), ("error", ["ERROR"]),
    ])
    func levelFilter(level: String, expected: [String]) {
        let environment = ["AWS_LAMBDA_LOG_LEVEL": level, "AWS_LAMBDA_LOG_FORMAT": "JSON"]
        let configured = LambdaLogger(environment: environment)
        #expect(configured.format == .json)
        let logs = LogCapture()
        let logger = logs.logger(format: .text, level: configured.minimumLevel)
        logger.trace("t")
        logger.debug("d")
        logger.info("i")
        logger.error("e")
        #expect(logs.text.map { $0.split(separator: "\t")[2] } == expected.map { Substring($0) })
    }

    @Test("with no logging variables, lines are Text at INFO")
    func defaults() {
        let logger = LambdaLogger(environment: [:])
        #expect(logger.format == .text)
        #expect(logger.minimumLevel == .info)
    }

    @Test("remaining time counts down to the deadline")
    func remainingTime() {
        let now = UTCTimestamp.nowMilliseconds()
        let context = LambdaContext(
            requestID: "r", deadlineMilliseconds: now + 3000, invokedFunctionARN: "", logger: LambdaLogger(environment: [:]))
        #expect(context.remainingTime > .milliseconds(2500))
        #expect(context.remainingTime <= .milliseconds(3000))
    }
}
