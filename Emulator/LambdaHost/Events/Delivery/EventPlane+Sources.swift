import AWS
import Foundation

/// The live sources: SQS pollers, the buckets' events, the topics' messages, and the schedules.
extension EventPlane {
    /// Runs every source the wiring has until the task is cancelled: a poller per enabled SQS
    /// mapping, the wired buckets' object events, the messages of topics functions subscribe to,
    /// and the enabled schedules. A source that cannot
    /// start (a queue that does not exist, a bucket that cannot be configured) is logged and left out.
    public func runSources(clock: ScheduleClock = ScheduleClock()) async {
        await withTaskGroup(of: Void.self) { group in
            for mapping in wiring.queueMappings where mapping.enabled {
                group.addTask {
                    do {
                        let url = try await QueuePoller.queueURL(of: mapping, client: self.client)
                        self.log("polling \(mapping.queueName) for \(mapping.function) (\(mapping.name))")
                        await QueuePoller(mapping: mapping, queueURL: url, host: self.host, client: self.client, region: self.region, log: self.log)
                            .run()
                    } catch {
                        self.log("\(mapping.name): cannot poll \(mapping.queueName): \(error) (run emulator up to create the queue)")
                    }
                }
            }
            group.addTask {
                do {
                    guard let source = try await BucketEventSource.prepare(plane: self, client: self.client) else { return }
                    self.log("watching \(source.buckets.sorted().joined(separator: ", ")) for created and removed objects")
                    await source.run()
                } catch {
                    self.log("bucket events: cannot watch the buckets: \(error) (run emulator up to create them)")
                }
            }
            group.addTask {
                do {
                    guard let source = try await TopicEventSource.prepare(plane: self, client: self.client) else { return }
                    self.log("subscribed to \(source.topics.joined(separator: ", ")) for the functions subscribed there")
                    await source.run()
                } catch {
                    self.log("topic messages: cannot subscribe to the topics: \(error) (run emulator up to create them)")
                }
            }
            group.addTask { await self.runSchedules(clock: clock) }
        }
    }
}
