import AWS
import Foundation
import MotoPeer
import Testing
@testable import BatchTransfer
import TransferCore

/// Manifests are written in multipart parts and read back in ranges, so a listing of any length
/// never sits in memory; these tests cross both boundaries against moto.
@Suite("Manifests in S3", .serialized)
struct ManifestTests {
    let s3: S3Client
    static let bucket = "manifests"

    init() throws {
        s3 = try MotoWorld.shared().s3
    }

    @Test("a manifest larger than one part is uploaded in parts and read back entry for entry across ranges")
    func largeManifestRoundTrip() async throws {
        try await offCooperativePool { [self] in
            let entries = (0..<90_000).map { index in
                ManifestEntry(
                    key: "in/dossier \(index % 7)/fichier \"\(index)\" ü.csv", size: Int64(index * 3),
                    etag: "\"\(String(index, radix: 16))-etag\"")
            }
            let writer = ManifestWriter(s3: s3, bucket: Self.bucket, key: "large.json", partSize: 5 * 1024 * 1024)
            for entry in entries { try writer.append(entry) }
            try writer.finish()
            #expect(writer.count == 90_000)
            #expect(writer.totalBytes == entries.reduce(0) { $0 + $1.size })
            let head = try s3.headObject(bucket: Self.bucket, key: "large.json")
            #expect(head.eTag?.contains("-") == true, "written as a multipart upload")
            #expect(head.contentLength > 5 * 1024 * 1024)

            let reader = ManifestReader(s3: s3, bucket: Self.bucket, key: "large.json", chunkSize: 65_536)
            var index = 0
            while let entry = try reader.next() {
                #expect(entry == entries[index], "entry \(index)")
                index += 1
            }
            #expect(index == entries.count)
        }
    }

    @Test("the manifest is a JSON array any JSON reader takes whole (as Step Functions' ItemReader does)")
    func manifestIsJSON() throws {
        let writer = ManifestWriter(s3: s3, bucket: Self.bucket, key: "small.json")
        try writer.append(ManifestEntry(key: "a\tb\n\"c\"", size: 1, etag: "\"x\""))
        try writer.append(ManifestEntry(key: "d", size: 2, etag: "y"))
        try writer.finish()
        let body = try s3.getObject(bucket: Self.bucket, key: "small.json").body
        let decoded = try JSONDecoder().decode([ManifestEntry].self, from: Data(body))
        #expect(decoded == [
            ManifestEntry(key: "a\tb\n\"c\"", size: 1, etag: "x"), ManifestEntry(key: "d", size: 2, etag: "y"),
        ])
    }

    @Test("an empty listing makes an empty manifest, which reads as no entries")
    func emptyManifest() throws {
        let writer = ManifestWriter(s3: s3, bucket: Self.bucket, key: "empty.json")
        try writer.finish()
        let reader = ManifestReader(s3: s3, bucket: Self.bucket, key: "empty.json")
        #expect(try reader.next() == nil)
    }

    @Test("a damaged manifest fails the read with NonRetryableError naming the object")
    func damagedManifest() throws {
        try s3.putObject(bucket: Self.bucket, key: "damaged.json", body: .bytes(Array("[\n{\"key\":\"a\",\"size\":\n]\n".utf8)))
        let reader = ManifestReader(s3: s3, bucket: Self.bucket, key: "damaged.json")
        let error = #expect(throws: TransferError.self) { try reader.next() }
        #expect(error?.kind == .nonRetryable)
        #expect(error?.errorMessage.contains("s3://manifests/damaged.json") == true)
    }
}

/// One moto for the suite, with an operator user whose key signs every request.
final class MotoWorld: Sendable {
    let account: MotoAccount
    let s3: S3Client

    private static let instance = SharedFixture { try MotoWorld() }

    static func shared() throws -> MotoWorld {
        try instance.get()
    }

    private init() throws {
        account = try MotoAccount(
            userName: "manifest-tests",
            policy: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
        s3 = S3Client(client: account.client(retryPolicy: .standard))
        do {
            try account.createBucket(ManifestTests.bucket)
        } catch {
            account.stop()
            throw error
        }
    }
}
