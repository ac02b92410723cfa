import Foundation
import Timestamps

/// The states that only steer: Choice, Wait and Fail.
extension Interpreter {
    func choose(_ state: State, _ spec: ChoiceSpec, input: JSONValue, context: ContextObject) throws(StateFailure) -> Step {
        let effective = try state.selectInput(input, context: context)
        let scope = PathScope(input: effective, context: context, random: random)
        var target = spec.defaultNext
        for rule in spec.rules {
            if try rule.condition.evaluate(in: scope) {
                target = rule.next
                break
            }
        }
        guard let target else {
            throw StateFailure(
                error: "States.NoChoiceMatched", cause: "No Choice rule matched the input and the state has no Default")
        }
        return Step(next: target, output: try state.selectOutput(effective, context: context))
    }

    /// The farthest a Wait's timestamp may be: 2^31 seconds. AWS fails a Wait beyond it at once.
    static let longestWaitSeconds = 2_147_483_648.0

    /// Waits `Seconds`, or until `Timestamp`; a timestamp in the past does not wait, one more than
    /// 2^31 seconds away fails with `States.Runtime` without waiting.
    func wait(_ spec: WaitSpec, input: JSONValue, context: ContextObject) async throws(StateFailure) {
        let scope = PathScope(input: input, context: context, random: random)
        let seconds: Double
        switch spec {
        case .seconds(let setting):
            seconds = try setting.resolve(in: scope)
        case .timestamp(let date):
            seconds = date.timeIntervalSinceNow
        case .timestampPath(let path):
            guard let value = scope.lookup(path) else {
                throw .runtime("The TimestampPath parameter does not reference an input value: \(path)")
            }
            guard let date = value.stringValue.flatMap(ISO8601Timestamp.parse) else {
                throw .runtime(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string:"
                        + " \(path) == \(value.stringValue ?? value.serialized())")
            }
            seconds = date.timeIntervalSinceNow
        }
        if seconds > Self.longestWaitSeconds {
            throw .runtime(
                "The Wait state's timestamp is \(Int64(seconds)) seconds away, more than the \(Int64(Self.longestWaitSeconds)) seconds a Wait may last")
        }
        try await sleep(seconds: max(0, seconds))
    }

    /// The error a Fail state raises; `ErrorPath` and `CausePath` read the state's input.
    func failure(_ spec: FailSpec, input: JSONValue, context: ContextObject) throws(StateFailure) -> StateFailure {
        let scope = PathScope(input: input, context: context, random: random)
        func text(_ value: FailSpec.Text?, field: String) throws(StateFailure) -> String {
            switch value {
            case nil: return ""
            case .fixed(let text): return text
            case .expression(let expression):
                let value = try expression.evaluate(in: scope, field: field)
                guard let text = value.stringValue else {
                    throw .runtime("The value for '\(field)' must be a string, got \(value)")
                }
                return text
            }
        }
        return StateFailure(error: try text(spec.error, field: "ErrorPath"), cause: try text(spec.cause, field: "CausePath"))
    }
}
