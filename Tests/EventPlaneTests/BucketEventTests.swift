import AWS
import Foundation
@testable import LambdaHost
import StateMachine
import Testing

/// Objects created on moto by an ordinary S3 client reach the functions as S3 would announce
/// them: every way of creating one, unicode and spaces in keys, filters, and no duplicates.
@Suite("S3 object events on moto", .serialized)
struct BucketEventTests {
    static let template = EventProject.recordingTemplateHead + """
          Uploader:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Csv:
                  Type: S3
                  Properties:
                    Bucket: !Ref Drop
                    Events: s3:ObjectCreated:*
                    Filter: {S3Key: {Rules: [{Name: prefix, Value: in/}, {Name: suffix, Value: .csv}]}}
          Audit:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Created:
                  Type: EventBridgeRule
                  Properties: {Pattern: {source: [aws.s3], detail-type: [Object Created, Object Deleted]}}
          Drop:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: events-drop
              NotificationConfiguration: {EventBridgeConfiguration: {EventBridgeEnabled: true}}
        """

    @Test("put, copy, multipart and delete by an S3 client: each announced once, keys encoded as S3 does, filters applied")
    func uploads() async throws {
        let project = try EventProject(template: Self.template)
        let host = try project.makeHost()
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        try await withShutdown(of: host) { () async throws in
            let plane = EventPlane(wiring: EventWiring(template: host.template), host: host, client: project.client, region: "us-east-1", log: { _ in })
            let sources = Task { await plane.runSources() }
            defer { sources.cancel() }
            let s3 = S3Client(client: project.client)
            // Objects are announced once the bucket's notifications point at the emulator's queue.
            #expect(try await eventually(within: 60) { project.notifiesEmulator("events-drop") })
            _ = try s3.putObject(bucket: "events-drop", key: "in/red flower.csv", body: .bytes(Array("a,b\n".utf8)))
            _ = try s3.putObject(bucket: "events-drop", key: "in/ファイル.csv", body: .bytes(Array("c\n".utf8)))
            _ = try s3.putObject(bucket: "events-drop", key: "in/notes.txt", body: .bytes(Array("skip\n".utf8)))
            try s3.copyObject(sourceBucket: "events-drop", sourceKey: "in/red flower.csv", bucket: "events-drop", key: "in/copy.csv")
            let upload = try s3.createMultipartUpload(bucket: "events-drop", key: "in/big.csv")
            let part = try s3.uploadPart(bucket: "events-drop", key: "in/big.csv", uploadID: upload, partNumber: 1, body: .bytes(Array(repeating: 65, count: 2048)))
            try s3.completeMultipartUpload(bucket: "events-drop", key: "in/big.csv", uploadID: upload, parts: [part])
            try s3.deleteObject(bucket: "events-drop", key: "in/notes.txt")

            #expect(try await eventually(within: 60) {
                project.received().filter { $0.function == "Uploader" }.count == 4 && project.received().filter { $0.function == "Audit" }.count == 6
            })
            try await Task.sleep(for: .seconds(2))
        }
        let uploader = project.received().filter { $0.function == "Uploader" }.compactMap { $0.event["Records"]?.arrayValue?.first }
        #expect(uploader.count == 4, "\(uploader.map { ($0["eventName"]?.stringValue ?? "", $0["s3"]?["object"]?["key"]?.stringValue ?? "") })")
        let byKey = Dictionary(uniqueKeysWithValues: uploader.compactMap { record in
            record["s3"]?["object"]?["key"]?.stringValue.map { ($0, record) }
        })
        #expect(Set(byKey.keys) == ["in/red+flower.csv", "in/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB.csv", "in/copy.csv", "in/big.csv"])
        #expect(byKey["in/red+flower.csv"]?["eventName"] == "ObjectCreated:Put")
        #expect(byKey["in/copy.csv"]?["eventName"] == "ObjectCreated:Copy")
        #expect(byKey["in/big.csv"]?["eventName"] == "ObjectCreated:CompleteMultipartUpload")
        #expect(byKey["in/big.csv"]?["s3"]?["object"]?["size"] == 2048)
        #expect(byKey["in/red+flower.csv"]?["s3"]?["object"]?["size"] == 4)
        #expect(byKey["in/red+flower.csv"]?["s3"]?["configurationId"] == "UploaderCsv")
        #expect(uploader.allSatisfy { $0["s3"]?["object"]?["sequencer"]?.stringValue?.isEmpty == false && $0["eventSource"] == "aws:s3" })

        let audit = project.received().filter { $0.function == "Audit" }.map(\.event)
        #expect(audit.count == 6)
        let keys = audit.compactMap { $0["detail"]?["object"]?["key"]?.stringValue }
        #expect(Set(keys) == ["in/red flower.csv", "in/ファイル.csv", "in/notes.txt", "in/copy.csv", "in/big.csv"])
        #expect(audit.filter { $0["detail-type"] == "Object Deleted" }.count == 1)
        #expect(audit.allSatisfy { $0["detail"]?["bucket"]?["name"] == "events-drop" })
    }

    static let versionedTemplate = EventProject.recordingTemplateHead + """
          Keeper:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Kept: {Type: S3, Properties: {Bucket: !Ref Kept, Events: s3:ObjectCreated:*}}
          Kept:
            Type: AWS::S3::Bucket
            Properties: {BucketName: events-kept, VersioningConfiguration: {Status: Enabled}}
        """

    @Test("in a versioned bucket each record carries the versionId of the version its upload created, however soon the next version follows")
    func versioned() async throws {
        let project = try EventProject(template: Self.versionedTemplate)
        let host = try project.makeHost()
        try ResourceProvisioner(template: host.template, client: project.client).provision { _ in }
        var versions: [String] = []
        try await withShutdown(of: host) { () async throws in
            let plane = EventPlane(wiring: EventWiring(template: host.template), host: host, client: project.client, region: "us-east-1", log: { _ in })
            let sources = Task { await plane.runSources() }
            defer { sources.cancel() }
            #expect(try await eventually(within: 60) { project.notifiesEmulator("events-kept") })
            let s3 = S3Client(client: project.client)
            // Back to back, before the first record is read: the first and third versions have one ETag.
            for body in ["one", "two", "one"] {
                let put = try s3.putObject(bucket: "events-kept", key: "report.csv", body: .bytes(Array(body.utf8)))
                versions.append(try #require(put.versionID))
            }
            #expect(try await eventually(within: 60) { project.received().count == versions.count })
        }
        let records = project.received().compactMap { $0.event["Records"]?.arrayValue?.first }
        #expect(records.map { $0["s3"]?["object"]?["versionId"]?.stringValue ?? "none" } == versions)
        #expect(Set(versions).count == 3)
    }
}
