import AWS
import Foundation
import StateMachine
import Timestamps

/// Lambda's asynchronous invocation: the event is tried again after a failure (one minute, then
/// two, on the retry clock) as the function's settings allow, and the outcome goes to its
/// destinations and dead-letter target as Lambda sends it.
extension TargetDispatcher {
    /// Invokes `function` with an event a service sends it, retrying and reporting as Lambda does.
    /// - Throws: a ``DeliveryFailure`` that the target did not accept when the function cannot run
    ///   at all; one it accepted (``DeliveryFailure/wasAccepted``) when every attempt failed.
    func invokeAsynchronously(_ function: String, payload: String, options: InvokeOptions = InvokeOptions()) async throws(DeliveryFailure) -> String {
        let config = invokeConfigs[function] ?? .standard
        let accepted = retryClock.now
        var attempts = 0
        while true {
            attempts += 1
            let result = try await attempt(function, payload: payload, options: options)
            if result.succeeded {
                var detail = "answered \(Self.answer(result))" + (attempts > 1 ? " on attempt \(attempts)" : "")
                if let destination = config.onSuccess {
                    detail += await sendRecord(of: result, function: function, payload: payload, condition: "Success", attempts: attempts, to: destination)
                }
                return detail
            }
            let condition: String
            if attempts > config.maximumRetryAttempts {
                condition = "RetriesExhausted"
            } else {
                let next = retryClock.now.addingTimeInterval(TimeInterval(AsyncInvokeConfig.wait(after: attempts)))
                if next.timeIntervalSince(accepted) <= TimeInterval(config.maximumEventAgeInSeconds) {
                    do {
                        try await retryClock.sleep(until: next)
                        continue
                    } catch {
                        condition = "RetriesExhausted"
                    }
                } else {
                    condition = "EventAgeExceeded"
                }
            }
            var reason = Self.failure(of: function, result) + " (\(attempts) attempt\(attempts == 1 ? "" : "s"), \(condition))"
            if let destination = config.onFailure {
                reason += await sendRecord(of: result, function: function, payload: payload, condition: condition, attempts: attempts, to: destination)
            }
            if let deadLetters = config.deadLetterTarget {
                reason += await sendDeadLetter(payload, result: result, to: deadLetters)
            }
            throw DeliveryFailure(reason, wasAccepted: true)
        }
    }

    /// Lambda's invocation record to an `OnSuccess` or `OnFailure` destination.
    private func sendRecord(
        of result: InvocationResult, function: String, payload: String, condition: String, attempts: Int, to destination: TargetDestination
    ) async -> String {
        var response: [String: JSONValue] = ["statusCode": 200, "executedVersion": "$LATEST"]
        if let functionError = result.functionError { response["functionError"] = .string(functionError) }
        let record: JSONValue = [
            "version": "1.0", "timestamp": .string(ISO8601Timestamp.format(Date())),
            "requestContext": [
                "requestId": .string(result.requestID), "functionArn": .string("arn:aws:lambda:\(region):\(account):function:\(function):$LATEST"),
                "condition": .string(condition), "approximateInvokeCount": .int(Int64(attempts)),
            ],
            "requestPayload": (try? JSONValue(parsing: payload)) ?? .string(payload),
            "responseContext": .object(response),
            "responsePayload": (try? JSONValue(parsing: Data(result.payload))) ?? .string(String(decoding: result.payload, as: UTF8.self)),
        ]
        let outcome = condition == "Success" ? "OnSuccess" : "OnFailure"
        do {
            _ = try await send(record.serialized(), to: destination, groupID: function, deduplicationID: result.requestID)
            return "; the invocation record went to the \(outcome) \(destination)"
        } catch {
            return "; the invocation record could not go to the \(outcome) \(destination): \(error.message)"
        }
    }

    /// The event itself to the function's dead-letter queue or topic, with the request id and the
    /// error in attributes, as Lambda sends it.
    private func sendDeadLetter(_ payload: String, result: InvocationResult, to destination: TargetDestination) async -> String {
        let attributes = [
            "RequestID": result.requestID, "ErrorCode": "200",
            "ErrorMessage": String(Self.answer(result).prefix(1024)),
        ]
        do {
            switch destination {
            case .queue(let arn):
                let sqs = SQSClient(client: client)
                let url = Self.queueURL(of: arn)
                _ = try await OffloadedCall.run { () throws(AWSError) in
                    try sqs.sendMessage(queueURL: url, SQSOutgoingMessage(body: payload, attributes: attributes))
                }
            case .topic(let arn):
                let sns = SNSClient(client: client)
                _ = try await OffloadedCall.run { () throws(AWSError) in try sns.publish(topicARN: arn, message: payload, attributes: attributes) }
            default:
                return "; a dead-letter target must be a queue or a topic, not \(destination)"
            }
            return "; the event went to the dead-letter \(destination)"
        } catch {
            return "; it could not go to the dead-letter \(destination) either: \(error)"
        }
    }
}
