import AWS
import StateMachine

extension ResourceProvisioner {
    func createBucket(_ name: String, properties: JSONValue) throws(AWSError) -> Outcome.Status {
        do {
            try S3Client(client: client).headBucket(bucket: name)
            return .existed
        } catch where error.kind == .notFound {
        }
        var body: RequestBody = .empty
        if client.region != "us-east-1" {
            body = .bytes(Array(
                """
                <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
                <LocationConstraint>\(client.region)</LocationConstraint></CreateBucketConfiguration>
                """.utf8))
        }
        do {
            _ = try client.send(AWSRequest(method: "PUT", body: body, bucket: name), to: .s3, operation: "CreateBucket", resource: name)
        } catch where error.code == "BucketAlreadyOwnedByYou" || error.code == "BucketAlreadyExists" {
            return .existed
        }
        if properties["VersioningConfiguration"]?["Status"]?.stringValue == "Enabled" {
            let document = """
                <VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>
                """
            _ = try client.send(
                AWSRequest(method: "PUT", query: [("versioning", "")], body: .bytes(Array(document.utf8)), bucket: name),
                to: .s3, operation: "PutBucketVersioning", resource: name)
        }
        return .created
    }

    func createTopic(_ name: String, properties: JSONValue) throws(AWSError) -> Outcome.Status {
        let existing = try client.query(.sns, action: "ListTopics").children("Topics").flatMap { $0.children("member") }
        if existing.contains(where: { $0.value("TopicArn")?.hasSuffix(":\(name)") == true }) { return .existed }
        var parameters = [(name: "Name", value: name)]
        if properties["FifoTopic"]?.boolValue == true {
            parameters += [("Attributes.entry.1.key", "FifoTopic"), ("Attributes.entry.1.value", "true")]
        }
        _ = try client.query(.sns, action: "CreateTopic", parameters: parameters, resource: name)
        return .created
    }

    func createQueue(_ name: String, properties: JSONValue) throws(AWSError) -> Outcome.Status {
        var attributes: [String: JSONValue] = [:]
        for name in ["FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds"] {
            if let value = properties[name]?.templateText { attributes[name] = .string(value) }
        }
        if let redrive = properties["RedrivePolicy"] {
            attributes["RedrivePolicy"] = .string(redrive.stringValue ?? redrive.serialized())
        }
        do {
            let lookup = try client.json(.sqs, "GetQueueUrl", ["QueueName": .string(name)], resource: name)
            if lookup["QueueUrl"]?.stringValue != nil { return .existed }
        } catch where error.kind == .notFound {
        }
        _ = try client.json(.sqs, "CreateQueue", ["QueueName": .string(name), "Attributes": .object(attributes)], resource: name)
        return .created
    }

    func createTable(_ name: String, properties: JSONValue) throws(AWSError) -> Outcome.Status {
        var request = properties.objectValue ?? [:]
        request["TableName"] = .string(name)
        if request["BillingMode"] == nil, request["ProvisionedThroughput"] == nil {
            request["BillingMode"] = .string("PAY_PER_REQUEST")
        }
        for ignored in ["TimeToLiveSpecification", "PointInTimeRecoverySpecification", "Tags", "SSESpecification"] {
            request[ignored] = nil
        }
        do {
            _ = try client.json(.dynamoDB, "CreateTable", .object(request), resource: name)
        } catch where error.code == "ResourceInUseException" {
            return .existed
        }
        return .created
    }
}
