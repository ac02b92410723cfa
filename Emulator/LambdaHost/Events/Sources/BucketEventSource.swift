import AWS
import Foundation
import StateMachine
import Synchronization

/// Objects created and removed in the template's wired buckets, by any client, turned into the
/// notifications and EventBridge events S3 sends.
///
/// moto sends bucket notifications to SQS itself, so every wired bucket's notifications are
/// pointed at a queue of this run's (``EmulatorQueue``, `emulator-bucket-events-…`), which this
/// source long-polls and deletes when it stops. A message is deleted only after its records were delivered, so none is lost; each
/// is received once, so none is delivered twice. moto's own records are not passed on: each is
/// rebuilt as S3 writes it (the key form-URL-encoded with `/` kept, a sequencer), and filtered
/// by the template's prefix and suffix rules. moto's records carry no version id: a created
/// object's is looked up with ListObjectVersions by its ETag.
final class BucketEventSource: Sendable {
    let plane: EventPlane
    let client: AWSClient
    let queue: EmulatorQueue
    let buckets: Set<String>
    private let sequence = Mutex<UInt64>(0)
    /// The version ids records have carried, by `bucket/key`.
    private let announcedVersions = Mutex<[String: Set<String>]>([:])

    private init(plane: EventPlane, client: AWSClient, queue: EmulatorQueue, buckets: Set<String>) {
        self.plane = plane
        self.client = client
        self.queue = queue
        self.buckets = buckets
    }

    /// Creates the queue and points the wired buckets' notifications at it; nil when no bucket is wired.
    static func prepare(plane: EventPlane, client: AWSClient) async throws(AWSError) -> BucketEventSource? {
        let buckets = Set(plane.wiring.bucketNotifications.map(\.bucket)).union(plane.wiring.eventBridgeBuckets)
        guard !buckets.isEmpty else { return nil }
        let region = plane.region
        let account = plane.account
        let queue = try await OffloadedCall.run { () throws(AWSError) -> EmulatorQueue in
            let queue = try EmulatorQueue.create(purpose: "bucket-events", client: client, region: region, account: account)
            let configuration = """
                <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><QueueConfiguration>\
                <Id>emulator</Id><Queue>\(queue.arn)</Queue>\
                <Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:*</Event></QueueConfiguration></NotificationConfiguration>
                """
            for bucket in buckets.sorted() {
                _ = try client.send(
                    AWSRequest(method: "PUT", query: [("notification", "")], body: .bytes(Array(configuration.utf8)), bucket: bucket),
                    to: .s3, operation: "PutBucketNotificationConfiguration", resource: bucket)
            }
            return queue
        }
        return BucketEventSource(plane: plane, client: client, queue: queue, buckets: buckets)
    }

    /// Polls until cancelled, then deletes the queue (moto drops the notifications of a bucket
    /// whose queue is gone; the next run points the buckets at its own).
    func run() async {
        await queue.run(label: "bucket events", log: plane.log) { body in
            for record in body["Records"]?.arrayValue ?? [] {
                guard let object = await objectEvent(from: record), buckets.contains(object.bucket) else { continue }
                _ = await plane.announce(object)
            }
        }
        let queue = self.queue
        do {
            try await OffloadedCall.run { () throws(AWSError) in try queue.delete() }
        } catch {
            plane.log("bucket events: cannot delete the queue \(queue.name): \(error)")
        }
    }

    /// What moto's record says happened, with a sequencer that grows with every event, and the
    /// version created when the bucket keeps versions.
    private func objectEvent(from record: JSONValue) async -> S3ObjectEvent? {
        guard let bucket = record["s3"]?["bucket"]?["name"]?.stringValue, let encoded = record["s3"]?["object"]?["key"]?.stringValue,
            let eventName = record["eventName"]?.stringValue
        else { return nil }
        let key = S3ObjectEvent.decodedKey(encoded)
        let eTag = record["s3"]?["object"]?["eTag"]?.stringValue ?? ""
        var versionID = record["s3"]?["object"]?["versionId"]?.stringValue
        if versionID == nil, eventName.hasPrefix("ObjectCreated") { versionID = await createdVersion(bucket: bucket, key: key, eTag: eTag) }
        let now = Date()
        let sequencer = sequence.withLock { last -> String in
            last = max(last + 1, UInt64(now.timeIntervalSince1970 * 1_000_000))
            return String(last, radix: 16, uppercase: true)
        }
        return S3ObjectEvent(
            bucket: bucket, key: key, size: record["s3"]?["object"]?["size"]?.integerValue ?? 0, eTag: eTag, versionID: versionID,
            sequencer: sequencer, eventName: eventName, time: now)
    }

    /// The version id of the object moto announced (whose notifications carry none): of the key's
    /// versions with the record's ETag, the oldest not yet given to an earlier record, so that a
    /// version written before this record was read does not take its place. Nil when the bucket
    /// keeps no versions (S3 lists its one version as `null`) or the version is gone.
    private func createdVersion(bucket: String, key: String, eTag: String) async -> String? {
        let s3 = S3Client(client: client)
        guard let versions = try? await OffloadedCall.run({ () throws(AWSError) in try s3.listObjectVersions(bucket: bucket, prefix: key) })
        else { return nil }
        let candidates = versions.reversed().filter { $0.key == key && ETag.unquoted($0.eTag) == ETag.unquoted(eTag) }
        return announcedVersions.withLock { announced -> String? in
            guard let version = candidates.first(where: { !announced[bucket + "/" + key, default: []].contains($0.versionID) }),
                version.versionID != "null"
            else { return nil }
            announced[bucket + "/" + key, default: []].insert(version.versionID)
            return version.versionID
        }
    }
}

extension EventPlane {
    /// What S3 sends for an object event: the bucket's matching notifications, and the
    /// EventBridge event when the bucket sends there.
    func announce(_ object: S3ObjectEvent) async -> [Delivery] {
        var deliveries: [Delivery] = []
        for notification in wiring.bucketNotifications where notification.bucket == object.bucket {
            guard notification.announces(eventName: object.eventName, key: object.key) else { continue }
            let record = object.notificationRecord(configurationID: notification.configurationID, region: region)
            deliveries += await hop(
                JSONValue.object(["Records": [record]]).serialized(), to: notification.destination,
                label: "notification \(notification.configurationID)", dryRun: false)
        }
        if wiring.eventBridgeBuckets.contains(object.bucket) {
            deliveries += await put(object.eventBridgeEvent(region: region, account: account))
        }
        return deliveries
    }
}
