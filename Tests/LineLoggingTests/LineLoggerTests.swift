import Foundation
@testable import LineLogging
import Synchronization
import Testing

/// The one logger's line formats: the Lambda runtime's (JSON or Text, timestamped, request id)
/// and the worker's (JSON, `event`, no time), from the same code.
@Suite("Line logger")
struct LineLoggerTests {
    static let time = "2024-05-01T12:00:00.007Z"

    @Test("a function's JSON line: timestamp, level, requestId, message")
    func lambdaJSON() {
        let logger = LineLogger(format: .json).adding("requestId", "8476a536")
        let line = logger.line(level: .warn, message: "slow \"partner\"", fields: [:], timestamp: Self.time)
        #expect(line == #"{"timestamp":"2024-05-01T12:00:00.007Z","level":"WARN","requestId":"8476a536","message":"slow \"partner\""}"# + "\n")
    }

    @Test("a function's Text line: time, request id (or -), level, message, tab-separated")
    func lambdaText() {
        let logger = LineLogger(format: .text)
        #expect(logger.line(level: .info, message: "copied", fields: [:], timestamp: Self.time) == "\(Self.time)\t-\tINFO\tcopied\n")
        let line = logger.adding("requestId", "r-1").line(level: .info, message: "copied", fields: [:], timestamp: Self.time)
        #expect(line == "\(Self.time)\tr-1\tINFO\tcopied\n")
    }

    @Test("the worker's line: level, event, then the fields given, those that are nil left out, no time")
    func workerJSON() {
        let logger = LineLogger(messageKey: "event", timestamped: false)
        let line = logger.line(
            level: .error, message: "job.failed", fields: ["jobId": "j\"1", "skipped": nil, "reason": "a\nb"], timestamp: nil)
        #expect(line == #"{"level":"ERROR","event":"job.failed","jobId":"j\"1","reason":"a\nb"}"# + "\n")
    }

    @Test("in Text, fields follow the message as name=value")
    func textFields() {
        let line = LineLogger(format: .text, timestamped: false)
            .line(level: .debug, message: "listed", fields: ["objects": "3", "next": nil], timestamp: nil)
        #expect(line == "-\tDEBUG\tlisted objects=3\n")
    }

    @Test("adding a context field again replaces its value")
    func contextReplaces() {
        let logger = LineLogger().adding("requestId", "a").adding("requestId", "b")
        #expect(logger.context.map(\.value) == ["b"])
    }

    @Test("lines below the threshold are not written; those written carry the current time")
    func threshold() throws {
        let lines = Mutex<[String]>([])
        let logger = LineLogger(minimumLevel: .info) { line in lines.withLock { $0.append(line) } }
        logger.debug("hidden")
        logger.info("shown", ["n": "1"])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: String])
        #expect(object["message"] == "shown")
        #expect(object["n"] == "1")
        #expect(object["timestamp"]?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }

    @Test("levels read their names in any case, and order from TRACE to FATAL")
    func levels() {
        #expect(LogLevel(name: "warn") == .warn)
        #expect(LogLevel(name: "VERBOSE") == nil)
        #expect(LogLevel.allCases.sorted() == [.trace, .debug, .info, .warn, .error, .fatal])
    }
}
