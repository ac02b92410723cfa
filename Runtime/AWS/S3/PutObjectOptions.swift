/// The optional parts of PutObject and CreateMultipartUpload.
public struct PutObjectOptions: Sendable, Hashable {
    public var contentType: String?
    /// Sent as `x-amz-meta-<name>`.
    public var metadata: [String: String]
    /// `If-None-Match: *`: the write fails with 412 (`AWSErrorKind.preconditionFailed`) when the key
    /// exists, which makes a retried delivery idempotent.
    public var ifNoneMatch: Bool
    /// SSE-KMS with this key (ARN, id or alias); `aws:kms` with the default key when empty.
    public var kmsKeyID: String?
    public var bucketKeyEnabled: Bool
    /// A checksum of the whole body computed by the caller, verified by S3.
    public var checksum: S3Checksum?
    /// For CreateMultipartUpload (`x-amz-checksum-type`): `.fullObject` makes S3 store one checksum
    /// of the whole object (CRC algorithms only) instead of a checksum of the parts' checksums.
    public var checksumType: S3Checksum.ChecksumType?

    public init(
        contentType: String? = nil, metadata: [String: String] = [:], ifNoneMatch: Bool = false,
        kmsKeyID: String? = nil, bucketKeyEnabled: Bool = false, checksum: S3Checksum? = nil,
        checksumType: S3Checksum.ChecksumType? = nil
    ) {
        self.contentType = contentType
        self.metadata = metadata
        self.ifNoneMatch = ifNoneMatch
        self.kmsKeyID = kmsKeyID
        self.bucketKeyEnabled = bucketKeyEnabled
        self.checksum = checksum
        self.checksumType = checksumType
    }

    /// The headers these options add (`ifNoneMatch` and `checksum` excluded for multipart creation,
    /// where they belong to completion and to each part).
    func headers(forCreate: Bool = false) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            headers.append(("x-amz-meta-\(name)", value))
        }
        if let kmsKeyID {
            headers.append(("x-amz-server-side-encryption", "aws:kms"))
            if !kmsKeyID.isEmpty { headers.append(("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyID)) }
            if bucketKeyEnabled { headers.append(("x-amz-server-side-encryption-bucket-key-enabled", "true")) }
        }
        if forCreate, let checksumType { headers.append(("x-amz-checksum-type", checksumType.rawValue)) }
        if !forCreate {
            if ifNoneMatch { headers.append(("If-None-Match", "*")) }
            if let checksum { headers += checksum.headers }
        }
        return headers
    }
}

/// An `x-amz-checksum-*` value: the algorithm and the base64 of the big-endian digest.
public struct S3Checksum: Sendable, Hashable {
    public enum Algorithm: String, Sendable, Hashable {
        case crc32 = "CRC32", crc32c = "CRC32C", crc64nvme = "CRC64NVME", sha1 = "SHA1", sha256 = "SHA256"
    }

    /// How a multipart upload's checksum covers the object.
    public enum ChecksumType: String, Sendable, Hashable {
        case fullObject = "FULL_OBJECT", composite = "COMPOSITE"
    }

    public var algorithm: Algorithm
    public var base64Value: String

    public init(algorithm: Algorithm, base64Value: String) {
        self.algorithm = algorithm
        self.base64Value = base64Value
    }

    /// The first `x-amz-checksum-<algorithm>` among response headers, if any.
    init?(headers: [(name: String, value: String)]) {
        for header in headers where header.name.hasPrefixIgnoringASCIICase("x-amz-checksum-") {
            let suffix = header.name.utf8.dropFirst("x-amz-checksum-".utf8.count)
            if let algorithm = Algorithm(rawValue: String(decoding: suffix, as: UTF8.self).uppercased()) {
                self.init(algorithm: algorithm, base64Value: header.value)
                return
            }
        }
        return nil
    }

    /// `x-amz-sdk-checksum-algorithm` is sent too: S3-compatible servers (moto) only record the
    /// checksum when it is present.
    var headers: [(name: String, value: String)] {
        [("x-amz-checksum-\(algorithm.rawValue.lowercased())", base64Value),
         ("x-amz-sdk-checksum-algorithm", algorithm.rawValue)]
    }
}
