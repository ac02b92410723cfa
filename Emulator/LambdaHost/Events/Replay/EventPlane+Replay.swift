import EventPatterns
import Foundation
public import StateMachine
import Timestamps

/// Recorded events delivered by the template's wiring, hop by hop.
extension EventPlane {
    /// Delivers a recorded event of a known kind as AWS would have: an S3 record to the bucket's
    /// notifications (and to EventBridge when the bucket sends there), an EventBridge event to
    /// the default bus's rules, a scheduled event to its rule's targets, SQS records to the
    /// mappings of their queue, SNS records to the topic's function subscribers, an API Gateway
    /// request to the function behind the route. An event nothing is wired for is one failed hop.
    public func replay(_ event: JSONValue, as kind: EventKind, dryRun: Bool = false) async -> [Delivery] {
        let deliveries: [Delivery]
        switch kind {
        case .eventBridge:
            let size = event.serialized().utf8.count
            guard size <= TargetDispatcher.messageLimit else {
                return [logged(Delivery(
                    rule: "(none)", target: "bus default",
                    status: .failed(reason: "the event is \(size) bytes; EventBridge accepts at most \(TargetDispatcher.messageLimit)")))]
            }
            deliveries = await put(event, dryRun: dryRun)
        case .schedule: deliveries = await replaySchedule(event, dryRun: dryRun)
        case .s3: deliveries = await replayS3(event, dryRun: dryRun)
        case .sqs: deliveries = await replaySQS(event, dryRun: dryRun)
        case .sns: deliveries = await replaySNS(event, dryRun: dryRun)
        case .apiGatewayREST, .apiGatewayHTTP: deliveries = await replayAPI(event, kind: kind, dryRun: dryRun)
        }
        guard deliveries.isEmpty else { return deliveries }
        let unrouted = Delivery(rule: "(none)", target: "(none)", status: .failed(reason: "nothing in the template is wired to receive this \(kind.rawValue) event"))
        log(unrouted.line)
        return [unrouted]
    }

    private func replaySchedule(_ event: JSONValue, dryRun: Bool) async -> [Delivery] {
        let arn = event["resources"]?.arrayValue?.first?.stringValue ?? ""
        let name = arn.split(separator: "/").last.map(String.init) ?? arn
        guard let rule = wiring.rule(named: name) else {
            return [Delivery(rule: "rule \(name)", target: "(none)", status: .failed(reason: "the template has no rule \(name) (from \(arn))"))]
        }
        return await deliver(event, through: rule, dryRun: dryRun)
    }

    private func replayS3(_ event: JSONValue, dryRun: Bool) async -> [Delivery] {
        var deliveries: [Delivery] = []
        for record in event["Records"]?.arrayValue ?? [] {
            let bucket = record["s3"]?["bucket"]?["name"]?.stringValue ?? ""
            let key = S3ObjectEvent.decodedKey(record["s3"]?["object"]?["key"]?.stringValue ?? "")
            let eventName = record["eventName"]?.stringValue ?? "ObjectCreated:Put"
            for notification in wiring.bucketNotifications where notification.bucket == bucket {
                guard notification.announces(eventName: eventName, key: key) else { continue }
                deliveries += await hop(
                    JSONValue.object(["Records": [record]]).serialized(), to: notification.destination, label: "notification \(notification.configurationID)",
                    dryRun: dryRun)
            }
            if wiring.eventBridgeBuckets.contains(bucket) {
                let object = S3ObjectEvent(
                    bucket: bucket, key: key, size: record["s3"]?["object"]?["size"]?.integerValue ?? 0,
                    eTag: record["s3"]?["object"]?["eTag"]?.stringValue ?? "", versionID: record["s3"]?["object"]?["versionId"]?.stringValue,
                    sequencer: record["s3"]?["object"]?["sequencer"]?.stringValue ?? "0", eventName: eventName,
                    time: record["eventTime"]?.stringValue.flatMap(ISO8601Timestamp.parse) ?? Date())
                deliveries += await put(object.eventBridgeEvent(region: region, account: account), dryRun: dryRun)
            }
        }
        return deliveries
    }

    private func replaySQS(_ event: JSONValue, dryRun: Bool) async -> [Delivery] {
        let records = event["Records"]?.arrayValue ?? []
        var queues: [String] = []
        for record in records {
            let name = record["eventSourceARN"]?.stringValue?.split(separator: ":").last.map(String.init) ?? ""
            if !queues.contains(name) { queues.append(name) }
        }
        var deliveries: [Delivery] = []
        for queue in queues {
            let batch = records.filter { ($0["eventSourceARN"]?.stringValue?.split(separator: ":").last.map(String.init) ?? "") == queue }
            for mapping in wiring.queueMappings where mapping.queueName == queue {
                let label = "mapping \(mapping.name)"
                guard !dryRun else {
                    deliveries.append(logged(Delivery(rule: label, target: "function \(mapping.function)", status: .planned)))
                    continue
                }
                deliveries.append(logged(await invokeWithRecords(batch, mapping: mapping, label: label)))
            }
        }
        return deliveries
    }

    /// A recorded batch handed to a mapping's function, read as Lambda reads the answer.
    private func invokeWithRecords(_ records: [JSONValue], mapping: QueueMapping, label: String) async -> Delivery {
        let target = "function \(mapping.function)"
        let queueRecords = records.compactMap { record -> QueueRecord? in
            QueueRecord(recorded: record)
        }
        let kept = mapping.filters.isEmpty ? queueRecords : queueRecords.filter { record in mapping.filters.contains { $0.matches(record.filterable) } }
        guard !kept.isEmpty else { return Delivery(rule: label, target: target, status: .delivered(detail: "every record matched no filter")) }
        let payload = JSONValue.object(["Records": .array(kept.map(\.record))]).serialized()
        let result: InvocationResult
        do {
            result = try await host.invoke(mapping.function, payload: Array(payload.utf8))
        } catch {
            return Delivery(rule: label, target: target, status: .failed(reason: "cannot run \(mapping.function): \(error.message)"))
        }
        let answer = TargetDispatcher.excerpt(String(decoding: result.payload, as: UTF8.self))
        let outcome = BatchOutcome.of(
            records: kept, functionFailed: result.succeeded ? nil : "\(mapping.function) failed with \(result.errorType ?? "an error")",
            answer: result.payload, reportsItemFailures: mapping.reportsBatchItemFailures, fifo: mapping.isFIFO)
        guard outcome.retain.isEmpty else {
            let reason = outcome.wholeBatchFailure.map { " (\($0))" } ?? ""
            return Delivery(
                rule: label, target: target,
                status: .failed(reason: "answered \(answer); \(outcome.retain.count) of \(kept.count) record(s) would return to the queue\(reason)"))
        }
        return Delivery(rule: label, target: target, status: .delivered(detail: "answered \(answer); all \(kept.count) record(s) processed"))
    }

    private func replaySNS(_ event: JSONValue, dryRun: Bool) async -> [Delivery] {
        var deliveries: [Delivery] = []
        for record in event["Records"]?.arrayValue ?? [] {
            let topic = record["Sns"]?["TopicArn"]?.stringValue?.split(separator: ":").last.map(String.init) ?? ""
            let message = record["Sns"]?["Message"]?.stringValue ?? ""
            for subscription in wiring.topicSubscriptions
            where subscription.topicARN.split(separator: ":").last.map(String.init) == topic
                && subscription.admits(message: message, attributes: record["Sns"]?["MessageAttributes"])
            {
                deliveries += await hop(
                    JSONValue.object(["Records": [record]]).serialized(), to: .function(subscription.function), label: "subscription to \(topic)",
                    dryRun: dryRun)
            }
        }
        return deliveries
    }

    private func replayAPI(_ event: JSONValue, kind: EventKind, dryRun: Bool) async -> [Delivery] {
        let method = event["httpMethod"]?.stringValue ?? event["requestContext"]?["http"]?["method"]?.stringValue ?? "GET"
        let path = event["rawPath"]?.stringValue ?? event["path"]?.stringValue ?? "/"
        let wanted: APIRoute.Kind = kind == .apiGatewayHTTP ? .http : .rest
        let routes = wiring.apiRoutes.filter { $0.takes(method: method, path: path) }
        guard let route = routes.first(where: { $0.kind == wanted }) ?? routes.first else { return [] }
        // A state machine behind a route starts with the request's body, as SAM's integration does.
        var payload = event.serialized()
        if case .stateMachine = route.destination { payload = event["body"]?.stringValue ?? "{}" }
        return await hop(payload, to: route.destination, label: "route \(route.method) \(route.path)", dryRun: dryRun, synchronous: true)
    }

    /// One delivery to a destination outside any rule (a notification, a subscription, a route),
    /// followed into the queue's mapping when it goes to a polled queue.
    /// - Parameter synchronous: whether a function is invoked once and answers (API Gateway), or
    ///   asynchronously with Lambda's retries (S3, SNS).
    func hop(_ payload: String, to destination: TargetDestination, label: String, dryRun: Bool, synchronous: Bool = false) async -> [Delivery] {
        guard !dryRun else { return [logged(Delivery(rule: label, target: destination.description, status: .planned))] }
        let delivery: Delivery
        do {
            let detail: String
            if synchronous, case .function(let function) = destination {
                detail = try await dispatcher.invoke(function, payload: payload)
            } else {
                detail = try await dispatcher.send(payload, to: destination, groupID: nil, deduplicationID: UUID().uuidString)
            }
            delivery = Delivery(rule: label, target: destination.description, status: .delivered(detail: detail))
        } catch {
            delivery = Delivery(rule: label, target: destination.description, status: .failed(reason: error.message))
        }
        var deliveries = [logged(delivery)]
        if case .queue(let arn) = destination, delivery.succeeded { deliveries += await followQueue(arn, dryRun: false) }
        return deliveries
    }

    private func logged(_ delivery: Delivery) -> Delivery {
        log(delivery.line)
        return delivery
    }
}
