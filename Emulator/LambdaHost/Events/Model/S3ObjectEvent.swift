import Foundation
import StateMachine

/// An object created or removed in a bucket, and the two ways S3 tells of it: a notification
/// record (`{"Records": [...]}`), and an EventBridge `Object Created` / `Object Deleted` event.
struct S3ObjectEvent: Sendable, Hashable {
    let bucket: String
    /// The key as stored, not encoded.
    let key: String
    let size: Int64
    let eTag: String
    let versionID: String?
    let sequencer: String
    /// S3's name for what happened: `ObjectCreated:Put`, `ObjectCreated:Copy`,
    /// `ObjectCreated:CompleteMultipartUpload`, `ObjectRemoved:Delete`, …
    let eventName: String
    let time: Date

    var isCreation: Bool { eventName.hasPrefix("ObjectCreated") }

    /// One record of a bucket notification, the key form-URL-encoded as S3 writes it.
    func notificationRecord(configurationID: String, region: String) -> JSONValue {
        var object: [String: JSONValue] = ["key": .string(Self.encodedKey(key)), "sequencer": .string(sequencer)]
        if isCreation {
            object["size"] = .int(size)
            object["eTag"] = .string(eTag)
        }
        if let versionID { object["versionId"] = .string(versionID) }
        return [
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": .string(region),
            "eventTime": .string(Self.recordTime(time)), "eventName": .string(eventName),
            "userIdentity": ["principalId": "AWS:AIDAEMULATOR"], "requestParameters": ["sourceIPAddress": "127.0.0.1"],
            "responseElements": ["x-amz-request-id": .string(String(sequencer.suffix(16))), "x-amz-id-2": "emulator"],
            "s3": [
                "s3SchemaVersion": "1.0", "configurationId": .string(configurationID),
                "bucket": ["name": .string(bucket), "ownerIdentity": ["principalId": "AEMULATOR"], "arn": .string("arn:aws:s3:::\(bucket)")],
                "object": .object(object),
            ],
        ]
    }

    /// The event S3 sends to EventBridge's default bus when the bucket has EventBridge enabled.
    func eventBridgeEvent(region: String, account: String) -> JSONValue {
        var object: [String: JSONValue] = ["key": .string(key), "sequencer": .string(sequencer)]
        if isCreation {
            object["size"] = .int(size)
            object["etag"] = .string(eTag)
        }
        if let versionID { object["version-id"] = .string(versionID) }
        var detail: [String: JSONValue] = [
            "version": "0", "bucket": ["name": .string(bucket)], "object": .object(object),
            "request-id": .string(String(sequencer.suffix(16))), "requester": .string(account), "source-ip-address": "127.0.0.1",
            "reason": .string(reason),
        ]
        if !isCreation { detail["deletion-type"] = eventName.hasSuffix("DeleteMarkerCreated") ? "Delete Marker Created" : "Permanently Deleted" }
        return EventEnvelope.make(
            source: "aws.s3", detailType: isCreation ? "Object Created" : "Object Deleted", detail: .object(detail),
            resources: ["arn:aws:s3:::\(bucket)"], time: time, region: region, account: account)
    }

    /// The API call EventBridge names as the reason.
    private var reason: String {
        switch eventName {
        case "ObjectCreated:Copy": "CopyObject"
        case "ObjectCreated:CompleteMultipartUpload": "CompleteMultipartUpload"
        case "ObjectCreated:Post": "POST Object"
        case let name where name.hasPrefix("ObjectCreated"): "PutObject"
        default: "DeleteObject"
        }
    }

    /// A key as S3 writes it in notifications: form-URL-encoded (`red flower.jpg` → `red+flower.jpg`,
    /// `a@b` → `a%40b`), slashes kept.
    static func encodedKey(_ key: String) -> String {
        var output = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    /// The key a notification record holds, decoded (`+` is a space).
    static func decodedKey(_ encoded: String) -> String {
        let spaced = encoded.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `2025-03-01T12:00:00.123Z`, as notification records write `eventTime`.
    private static func recordTime(_ date: Date) -> String {
        let whole = EventTime.format(date)
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        let padded = String(repeating: "0", count: 3 - String(milliseconds).count) + String(milliseconds)
        return String(whole.dropLast()) + "." + padded + "Z"
    }
}
