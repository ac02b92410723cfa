import EventPatterns
import StateMachine

/// `AWS::Lambda::EventSourceMapping` (and SAM's `SQS` events) and buckets' `NotificationConfiguration`.
extension EventWiringReader {
    mutating func readEventSourceMapping(_ logicalID: String, _ properties: JSONValue) {
        let source = properties["EventSourceArn"]?.stringValue ?? ""
        guard source.hasPrefix("arn:aws:sqs:") else {
            skip(logicalID, "the event source mapping", "the emulator polls SQS queues only, not \(source.isEmpty ? "this source" : source)")
            return
        }
        guard let functionName = properties["FunctionName"]?.stringValue, case .success(.function(let function)) = destination(functionName)
        else {
            skip(logicalID, "the event source mapping", "its FunctionName names no function that runs locally")
            return
        }
        addQueueMapping(name: logicalID, function: function, queueARN: source, settings: properties, label: "the event source mapping")
    }

    /// A queue polled for a function, with Lambda's defaults.
    mutating func addQueueMapping(name: String, function: String, queueARN: String?, settings: JSONValue, label: String) {
        guard let queueARN, queueARN.hasPrefix("arn:aws:sqs:") else {
            skip(function, label, "it names no SQS queue by ARN")
            return
        }
        var filters: [EventPattern] = []
        for filter in settings["FilterCriteria"]?["Filters"]?.arrayValue ?? [] {
            guard let text = filter["Pattern"]?.stringValue else { continue }
            do {
                filters.append(try EventPattern(text: text))
            } catch {
                skip(function, "\(label) FilterCriteria", "\(InvalidEventPatternError.exceptionName): \(error.message)")
                return
            }
        }
        let responseTypes = settings["FunctionResponseTypes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        wiring.queueMappings.append(QueueMapping(
            name: name, function: function, queueARN: queueARN,
            batchSize: settings["BatchSize"]?.integerValue.map(Int.init) ?? 10,
            batchingWindowSeconds: settings["MaximumBatchingWindowInSeconds"]?.integerValue.map(Int.init) ?? 0,
            reportsBatchItemFailures: responseTypes.contains("ReportBatchItemFailures"),
            maximumConcurrency: settings["ScalingConfig"]?["MaximumConcurrency"]?.integerValue.map(Int.init),
            enabled: settings["Enabled"]?.boolValue ?? true, filters: filters))
    }

    mutating func readBucketNotifications(_ bucket: LocalResource, _ properties: JSONValue) {
        guard let configuration = properties["NotificationConfiguration"] else { return }
        if configuration["EventBridgeConfiguration"]?["EventBridgeEnabled"]?.boolValue == true {
            wiring.eventBridgeBuckets.insert(bucket.physicalName)
        }
        let kinds = [("LambdaConfigurations", "Function"), ("QueueConfigurations", "Queue"), ("TopicConfigurations", "Topic")]
        for (list, arnKey) in kinds {
            for (index, entry) in (configuration[list]?.arrayValue ?? []).enumerated() {
                guard let arn = entry[arnKey]?.stringValue, let event = entry["Event"]?.stringValue else {
                    skip(bucket.logicalID, "\(list)[\(index)]", "it needs an Event and a \(arnKey)")
                    continue
                }
                switch destination(arn) {
                case .failure(let problem): skip(bucket.logicalID, "\(list)[\(index)]", problem.message)
                case .success(let target):
                    let (prefix, suffix) = Self.keyFilter(entry["Filter"])
                    wiring.bucketNotifications.append(BucketNotification(
                        bucket: bucket.physicalName, events: [event], prefix: prefix, suffix: suffix, destination: target,
                        configurationID: entry["Id"]?.stringValue ?? "\(bucket.logicalID)-\(list)-\(index)"))
                }
            }
        }
    }

    /// `Filter.S3Key.Rules`: a prefix and a suffix of the key, each optional.
    static func keyFilter(_ filter: JSONValue?) -> (prefix: String?, suffix: String?) {
        var prefix: String?
        var suffix: String?
        for rule in filter?["S3Key"]?["Rules"]?.arrayValue ?? [] {
            switch rule["Name"]?.stringValue?.lowercased() {
            case "prefix": prefix = rule["Value"]?.stringValue
            case "suffix": suffix = rule["Value"]?.stringValue
            default: break
            }
        }
        return (prefix, suffix)
    }
}
