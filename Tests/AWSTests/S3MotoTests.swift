import AWS
import Foundation
import Testing

/// A source producing `count` deterministic bytes in small chunks, to prove uploads stream.
final class PatternSource: ByteSource {
    private let count: Int
    private var offset = 0
    private(set) var reads = 0

    init(count: Int) {
        self.count = count
    }

    static func byte(at index: Int) -> UInt8 { UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8) }

    static func bytes(_ count: Int) -> [UInt8] { (0..<count).map(byte(at:)) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let length = min(buffer.count, count - offset, 10_000)
        for index in 0..<length { buffer[index] = Self.byte(at: offset + index) }
        offset += length
        reads += 1
        return length
    }
}

/// A sink that counts the chunks it is handed.
final class CountingSink: ByteSink {
    private(set) var bytes: [UInt8] = []
    private(set) var chunks = 0

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: chunk)
        chunks += 1
    }
}

extension MotoSuite {
    @Suite("S3")
    struct S3MotoTests {
        let fixture: MotoFixture
        let s3: S3Client
        let bucket = "transfer-tests"

        init() throws {
            fixture = try MotoFixture.get()
            s3 = S3Client(client: fixture.client())
            try fixture.createBucket(bucket)
        }

        @Test("put, head, get, ranged get and delete round-trip")
        func roundTrip() throws {
            let body = Array("hello, moto: a key with spaces & symbols".utf8)
            let key = "dir/a key with spaces~1.txt"
            try s3.putObject(
                bucket: bucket, key: key, body: .bytes(body),
                options: PutObjectOptions(contentType: "text/plain", metadata: ["origin": "tests"]))
            let head = try s3.headObject(bucket: bucket, key: key)
            #expect(head.contentLength == Int64(body.count))
            #expect(head.contentType == "text/plain")
            #expect(head.metadata["origin"] == "tests")
            #expect(try s3.getObject(bucket: bucket, key: key).body == body)
            let ranged = try s3.getObject(bucket: bucket, key: key, range: 7...10)
            #expect(ranged.body == Array(body[7...10]))
            #expect(ranged.head.objectSize == Int64(body.count))
            try s3.headBucket(bucket: bucket)
            try s3.deleteObject(bucket: bucket, key: key)
            let error = #expect(throws: AWSError.self) { try s3.headObject(bucket: bucket, key: key) }
            #expect(error?.kind == .notFound)
        }

        @Test("uploads stream from a source and downloads stream into a sink")
        func streaming() throws {
            let size = 3 * 1024 * 1024 + 17
            let key = "streamed.bin"
            let source = PatternSource(count: size)
            try s3.putObject(
                bucket: bucket, key: key,
                body: .stream(length: Int64(size), payloadHash: .unsignedPayload, open: { source }))
            #expect(source.reads > 100, "the body was pulled in chunks")
            let sink = CountingSink()
            let head = try s3.getObject(bucket: bucket, key: key, into: sink)
            #expect(head.contentLength == Int64(size))
            #expect(sink.chunks > 1)
            #expect(sink.bytes == PatternSource.bytes(size))
            let tail = CountingSink()
            try s3.getObject(bucket: bucket, key: key, range: Int64(size - 100)...Int64(size - 1), into: tail)
            #expect(tail.bytes == Array(PatternSource.bytes(size)[(size - 100)...]))
        }

        @Test("a conditional put (If-None-Match: *) on an existing key loses with 412")
        func conditionalPutLoses() throws {
            let key = "exactly-once.txt"
            try? s3.deleteObject(bucket: bucket, key: key)
            try s3.putObject(bucket: bucket, key: key, body: .bytes([1]), options: PutObjectOptions(ifNoneMatch: true))
            let error = #expect(throws: AWSError.self) {
                try s3.putObject(bucket: bucket, key: key, body: .bytes([2]), options: PutObjectOptions(ifNoneMatch: true))
            }
            #expect(error?.httpStatus == 412)
            #expect(error?.kind == .preconditionFailed)
            #expect(error?.isRetryable == false)
            #expect(try s3.getObject(bucket: bucket, key: key).body == [1])
        }

        @Test("ListObjectsV2 follows continuation tokens past 1,000 keys")
        func paginationPast1000() throws {
            // moto re-quotes the URL before checking signatures and turns a `%2F` in the query back
            // into `/`, which AWS would not; so this prefix has no slash.
            let count = 1_005
            let prefix = "many-"
            let existing = try s3.listAllObjects(bucket: bucket, prefix: prefix).objects.count
            if existing < count {
                for index in 0..<count {
                    try s3.putObject(bucket: bucket, key: prefix + String(format: "%05d", index), body: .bytes([]))
                }
            }
            var pages = 0
            try s3.forEachListPage(bucket: bucket, prefix: prefix) { page in
                pages += 1
                return true
            }
            let listing = try s3.listAllObjects(bucket: bucket, prefix: prefix)
            #expect(pages == 2)
            #expect(listing.objects.count == count)
            #expect(Set(listing.objects.map(\.key)).count == count)
            #expect(listing.objects.last?.key == prefix + "01004")
            let after = try s3.listAllObjects(bucket: bucket, prefix: prefix, startAfter: prefix + "01000")
            #expect(after.objects.map(\.key) == (1001...1004).map { prefix + String(format: "%05d", $0) })
            let small = try s3.listObjectsV2(bucket: bucket, prefix: prefix, maxKeys: 10)
            #expect(small.objects.count == 10 && small.isTruncated && small.nextContinuationToken != nil)
        }

        @Test("a delimiter groups keys into common prefixes")
        func delimiter() throws {
            // `-` rather than `/`: see paginationPast1000 on moto and `%2F` in queries.
            for key in ["tree-a-1", "tree-a-2", "tree-b-1", "tree-top"] {
                try s3.putObject(bucket: bucket, key: key, body: .bytes([0]))
            }
            let listing = try s3.listAllObjects(bucket: bucket, prefix: "tree-", delimiter: "-")
            #expect(listing.commonPrefixes == ["tree-a-", "tree-b-"])
            #expect(listing.objects.map(\.key) == ["tree-top"])
        }

        @Test("multipart copy with UploadPartCopy ranges reassembles the source")
        func multipartCopy() throws {
            let source = PatternSource.bytes(10_000)
            let put = try s3.putObject(bucket: bucket, key: "copy/source.bin", body: .bytes(source))
            try? s3.deleteObject(bucket: bucket, key: "copy/target.bin")
            try s3.copyLargeObject(
                sourceBucket: bucket, sourceKey: "copy/source.bin", sourceSize: Int64(source.count), sourceETag: put.eTag,
                bucket: bucket, key: "copy/target.bin", partSize: 4_096, options: PutObjectOptions(ifNoneMatch: true))
            let copied = try s3.getObject(bucket: bucket, key: "copy/target.bin")
            #expect(copied.body == source)
            #expect(copied.head.eTag?.hasSuffix("-3\"") == true, "three parts")
        }

        @Test("multipart upload: parts, list parts, complete; and abort")
        func multipartUpload() throws {
            let key = "multi/object.bin"
            let parts = [PatternSource.bytes(2_048), Array(PatternSource.bytes(3_000).reversed())]
            let uploadID = try s3.createMultipartUpload(bucket: bucket, key: key)
            var uploaded: [MultipartPart] = []
            for (index, part) in parts.enumerated() {
                uploaded.append(try s3.uploadPart(bucket: bucket, key: key, uploadID: uploadID, partNumber: index + 1, body: .bytes(part)))
            }
            let listed = try s3.listParts(bucket: bucket, key: key, uploadID: uploadID)
            #expect(listed.map(\.partNumber) == [1, 2])
            #expect(listed.map(\.eTag) == uploaded.map(\.eTag))
            try s3.completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: uploaded)
            #expect(try s3.getObject(bucket: bucket, key: key).body == parts[0] + parts[1])

            let abandoned = try s3.createMultipartUpload(bucket: bucket, key: "multi/abandoned")
            try s3.abortMultipartUpload(bucket: bucket, key: "multi/abandoned", uploadID: abandoned)
            let error = #expect(throws: AWSError.self) { try s3.listParts(bucket: bucket, key: "multi/abandoned", uploadID: abandoned) }
            #expect(error?.code == "NoSuchUpload")
        }

        @Test("withMultipartUpload aborts the upload when the body fails")
        func withMultipartUploadAborts() throws {
            var uploadID = ""
            #expect(throws: AWSError.self) {
                try s3.withMultipartUpload(bucket: bucket, key: "multi/failing") { id throws(AWSError) in
                    uploadID = id
                    throw AWSError(service: "test", operation: "body", code: "Injected", message: "")
                }
            }
            let error = #expect(throws: AWSError.self) { try s3.listParts(bucket: bucket, key: "multi/failing", uploadID: uploadID) }
            #expect(error?.code == "NoSuchUpload")
        }

        @Test("CopyObject replaces metadata, and refuses sources above 5 GiB before sending")
        func copyObject() throws {
            try s3.putObject(
                bucket: bucket, key: "copy/meta-source", body: .bytes([1, 2, 3]),
                options: PutObjectOptions(metadata: ["stage": "raw"]))
            try s3.copyObject(
                sourceBucket: bucket, sourceKey: "copy/meta-source", bucket: bucket, key: "copy/meta-target",
                options: CopyObjectOptions(metadataDirective: .replace, contentType: "application/x-test", metadata: ["stage": "done"]))
            let head = try s3.headObject(bucket: bucket, key: "copy/meta-target")
            #expect(head.metadata["stage"] == "done")
            #expect(head.contentType == "application/x-test")
            let error = #expect(throws: AWSError.self) {
                try s3.copyObject(
                    sourceBucket: bucket, sourceKey: "huge", bucket: bucket, key: "huge-copy",
                    options: CopyObjectOptions(sourceSize: S3Client.maximumCopyObjectSize + 1))
            }
            #expect(error?.code == "EntityTooLarge")
            #expect(error?.httpStatus == nil)
        }

        @Test("a missing bucket is NoSuchBucket")
        func missingBucket() throws {
            let error = #expect(throws: AWSError.self) { try s3.getObject(bucket: "no-such-bucket-here", key: "k") }
            #expect(error?.code == "NoSuchBucket")
            #expect(error?.kind == .notFound)
            #expect(error?.description.contains("no-such-bucket-here/k") == true)
        }

        @Test("a wrong secret fails with SignatureDoesNotMatch")
        func wrongSecret() throws {
            let wrong = AWSCredentials(accessKeyID: fixture.credentials.accessKeyID, secretAccessKey: "not-the-secret")
            let client = S3Client(client: fixture.client(credentials: wrong))
            let error = #expect(throws: AWSError.self) { try client.headBucket(bucket: bucket) }
            // HEAD has no body, so the code comes from the status; a GET shows moto's code.
            #expect(error?.httpStatus == 403)
            let listError = #expect(throws: AWSError.self) { try client.listObjectsV2(bucket: bucket) }
            #expect(listError?.code == "SignatureDoesNotMatch")
            #expect(listError?.kind == .invalidSignature)
            #expect(listError?.isRetryable == false)
        }
    }
}
