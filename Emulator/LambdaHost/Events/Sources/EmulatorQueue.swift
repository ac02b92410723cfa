import AWS
import StateMachine

/// A queue of the emulator's own that moto delivers to (bucket notifications, topic messages),
/// long-polled until cancelled. Each message is deleted only after it was handled, so none is
/// lost; each is received once, so none is handled twice.
struct EmulatorQueue: Sendable {
    let client: AWSClient
    let url: String

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
