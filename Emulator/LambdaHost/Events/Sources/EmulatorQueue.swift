import AWS
import StateMachine

/// A queue of the emulator's own that moto delivers to (bucket notifications, topic messages),
/// long-polled until cancelled. Each message is deleted only after it was handled, so none is
/// lost; each is received once, so none is handled twice.
///
/// Every run makes its own queue, named for its purpose and a random suffix
/// (`emulator-bucket-events-1f3a9c07`), and deletes it when it stops: two emulators, or two
/// tests, sharing one moto never take each other's messages.
struct EmulatorQueue: Sendable {
    let client: AWSClient
    let name: String
    let url: String
    let arn: String

    /// Creates a queue for `purpose` (`bucket-events`, `topic-events`) under a name no other run uses.
    static func create(purpose: String, client: AWSClient, region: String, account: String) throws(AWSError) -> EmulatorQueue {
        let name = "emulator-\(purpose)-" + String(UInt32.random(in: .min ... .max), radix: 16)
        let created = try client.json(.sqs, "CreateQueue", ["QueueName": .string(name)], resource: name)
        return EmulatorQueue(client: client, name: name, url: created["QueueUrl"]?.stringValue ?? "", arn: "arn:aws:sqs:\(region):\(account):\(name)")
    }

    /// Hands each message's body, read as JSON (null when it is not), to `handle` until cancelled;
    /// a failed poll is logged after `label` and tried again a second later.
    func run(label: String, log: @Sendable (String) -> Void, handle: (JSONValue) async -> Void) async {
        while !Task.isCancelled {
            do {
                try await pollOnce(handle)
            } catch {
                log("\(label): \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Deletes the queue, with any message that came after the run stopped.
    func delete() throws(AWSError) {
        _ = try client.json(.sqs, "DeleteQueue", ["QueueUrl": .string(url)], resource: url)
    }

    private func pollOnce(_ handle: (JSONValue) async -> Void) async throws(AWSError) {
        let (client, url) = (self.client, self.url)
        let answer = try await OffloadedCall.run { () throws(AWSError) in
            try client.json(.sqs, "ReceiveMessage", ["QueueUrl": .string(url), "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1], resource: url)
        }
        for message in answer["Messages"]?.arrayValue ?? [] {
            await handle((try? JSONValue(parsing: message["Body"]?.stringValue ?? "")) ?? .null)
            guard let receipt = message["ReceiptHandle"]?.stringValue else { continue }
            _ = try await OffloadedCall.run { () throws(AWSError) in
                try client.json(.sqs, "DeleteMessage", ["QueueUrl": .string(url), "ReceiptHandle": .string(receipt)], resource: url)
            }
        }
    }
}
