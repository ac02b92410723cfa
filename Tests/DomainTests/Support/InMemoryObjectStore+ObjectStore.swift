import AWS
import Synchronization

extension InMemoryObjectStore: ObjectStore {
    func headObject(bucket: String, key: String, includingChecksum: Bool) throws(AWSError) -> ObjectHead {
        let request = StoreRequest(operation: "HeadObject", bucket: bucket, key: key)
        try receive(request)
        guard let object = object(bucket: bucket, key: key) else { throw S3Failure.noSuchKey(request) }
        return ObjectHead(
            contentLength: object.content.size, eTag: quoted(object.eTag), contentType: object.contentType,
            metadata: object.metadata, checksum: includingChecksum ? object.checksum : nil)
    }

    /// Pages in S3's order; the continuation token is the last key listed. No step lists with a
    /// delimiter, so none is taken.
    func listObjectsV2(
        bucket: String, prefix: String?, delimiter: String?, startAfter: String?, continuationToken: String?,
        maxKeys: Int?
    ) throws(AWSError) -> ListObjectsPage {
        precondition(delimiter == nil, "the in-memory store lists without a delimiter")
        try receive(StoreRequest(operation: "ListObjectsV2", bucket: bucket, continuationToken: continuationToken))
        return state.withLock { state in
            let keys = state.keys(in: bucket)
            let prefix = prefix ?? ""
            let after = continuationToken.map { String($0.dropFirst("after:".count)) } ?? startAfter ?? ""
            var index = Self.firstIndex(in: keys) { !$0.utf8.lexicographicallyPrecedes(prefix.utf8) }
            index = max(index, Self.firstIndex(in: keys) { after.utf8.lexicographicallyPrecedes($0.utf8) })
            let limit = state.pageSizes[bucket]?.isEmpty == false ? state.pageSizes[bucket]!.removeFirst() : maxKeys ?? 1000
            var objects: [S3Object] = []
            while index < keys.count, objects.count < limit, keys[index].hasPrefix(prefix) {
                let object = state.buckets[bucket]![keys[index]]!
                objects.append(
                    S3Object(
                        key: keys[index], size: object.content.size, eTag: quoted(object.eTag),
                        lastModified: "2025-01-01T00:00:00.000Z", storageClass: "STANDARD"))
                index += 1
            }
            let truncated = index < keys.count && keys[index].hasPrefix(prefix)
            return ListObjectsPage(
                objects: objects, nextContinuationToken: truncated ? "after:" + (objects.last?.key ?? after) : nil,
                isTruncated: truncated)
        }
    }

    @discardableResult
    func getObject(
        bucket: String, key: String, range: ClosedRange<Int64>?, ifMatch: String?, into sink: any ByteSink
    ) throws(AWSError) -> ObjectHead {
        let request = StoreRequest(operation: "GetObject", bucket: bucket, key: key, range: range, ifMatch: ifMatch)
        try receive(request)
        guard let object = object(bucket: bucket, key: key) else { throw S3Failure.noSuchKey(request) }
        if let ifMatch, unquoted(ifMatch) != object.eTag { throw S3Failure.preconditionFailed(request) }
        let size = object.content.size
        var content = object.content
        var contentRange: String?
        if let range {
            guard range.lowerBound < size else { throw S3Failure.invalidRange(request) }
            let served = range.lowerBound...min(range.upperBound, size - 1)
            content = content.slice(served)
            contentRange = "bytes \(served.lowerBound)-\(served.upperBound)/\(size)"
        }
        do {
            try content.bytes.withUnsafeBytes { try sink.write($0) }
        } catch {
            throw AWSError(
                service: "S3", operation: "GetObject", resource: "\(bucket)/\(key)", code: "StreamFailure",
                message: "the body source or sink failed", cause: error)
        }
        return ObjectHead(
            contentLength: content.size, eTag: quoted(object.eTag), contentType: object.contentType,
            contentRange: contentRange, metadata: object.metadata)
    }

    @discardableResult
    func putObject(bucket: String, key: String, body: RequestBody, options: PutObjectOptions) throws(AWSError)
        -> PutObjectResult
    {
        let request = StoreRequest(operation: "PutObject", bucket: bucket, key: key)
        try receive(request)
        let content = Content(try bytes(of: body, request))
        let object = MemoryObject(
            content: content, eTag: Self.eTag(of: content), contentType: options.contentType, metadata: options.metadata,
            checksum: options.checksum)
        try state.withLock { state throws(AWSError) in
            if options.ifNoneMatch, state.buckets[bucket]?[key] != nil { throw S3Failure.preconditionFailed(request) }
            state.store(object, bucket: bucket, key: key)
        }
        return PutObjectResult(eTag: quoted(object.eTag))
    }

    func deleteObject(bucket: String, key: String) throws(AWSError) {
        try receive(StoreRequest(operation: "DeleteObject", bucket: bucket, key: key))
        state.withLock { $0.remove(bucket: bucket, key: key) }
    }

    /// Refuses a source above 5 GiB with `InvalidRequest`, as S3 does.
    @discardableResult
    func copyObject(
        sourceBucket: String, sourceKey: String, bucket: String, key: String, options: CopyObjectOptions
    ) throws(AWSError) -> PutObjectResult {
        let request = StoreRequest(
            operation: "CopyObject", bucket: bucket, key: key, ifMatch: options.sourceIfMatch,
            source: "\(sourceBucket)/\(sourceKey)")
        try receive(request)
        return try state.withLock { state throws(AWSError) in
            guard let source = state.buckets[sourceBucket]?[sourceKey] else { throw S3Failure.noSuchKey(request) }
            if let ifMatch = options.sourceIfMatch, unquoted(ifMatch) != source.eTag {
                throw S3Failure.preconditionFailed(request)
            }
            guard source.content.size <= Self.maximumCopySize else {
                let message = "The specified copy source is larger than the maximum allowable size for a copy source: "
                throw S3Failure.invalidRequest(request, message + String(Self.maximumCopySize))
            }
            if options.ifNoneMatch, state.buckets[bucket]?[key] != nil { throw S3Failure.preconditionFailed(request) }
            let replace = options.metadataDirective == .replace
            let copy = MemoryObject(
                content: source.content, eTag: Self.eTag(of: source.content),
                contentType: replace ? options.contentType : source.contentType,
                metadata: replace ? options.metadata : source.metadata, checksum: source.checksum)
            state.store(copy, bucket: bucket, key: key)
            return PutObjectResult(eTag: quoted(copy.eTag))
        }
    }

    func createMultipartUpload(bucket: String, key: String, options: PutObjectOptions) throws(AWSError) -> String {
        try receive(StoreRequest(operation: "CreateMultipartUpload", bucket: bucket, key: key))
        return state.withLock { state in
            state.uploadCount += 1
            let uploadID = "upload-\(state.uploadCount)"
            state.uploads[uploadID] = MemoryUpload(
                bucket: bucket, key: key, contentType: options.contentType, metadata: options.metadata)
            return uploadID
        }
    }

    func uploadPart(
        bucket: String, key: String, uploadID: String, partNumber: Int, body: RequestBody, checksum: S3Checksum?
    ) throws(AWSError) -> MultipartPart {
        let request = StoreRequest(
            operation: "UploadPart", bucket: bucket, key: key, uploadID: uploadID, partNumber: partNumber)
        try receive(request)
        let content = Content(try bytes(of: body, request))
        return try addPart(content, to: uploadID, number: partNumber, request)
    }

    func uploadPartCopy(
        bucket: String, key: String, uploadID: String, partNumber: Int, sourceBucket: String, sourceKey: String,
        range: ClosedRange<Int64>, sourceIfMatch: String?
    ) throws(AWSError) -> MultipartPart {
        let request = StoreRequest(
            operation: "UploadPartCopy", bucket: bucket, key: key, uploadID: uploadID, partNumber: partNumber, range: range,
            ifMatch: sourceIfMatch, source: "\(sourceBucket)/\(sourceKey)")
        try receive(request)
        let content = try state.withLock { state throws(AWSError) in
            guard let source = state.buckets[sourceBucket]?[sourceKey] else { throw S3Failure.noSuchKey(request) }
            if let sourceIfMatch, unquoted(sourceIfMatch) != source.eTag { throw S3Failure.preconditionFailed(request) }
            guard range.upperBound < source.content.size else { throw S3Failure.invalidRange(request) }
            return source.content.slice(range)
        }
        return try addPart(content, to: uploadID, number: partNumber, request)
    }

    func listParts(bucket: String, key: String, uploadID: String) throws(AWSError) -> [MultipartPart] {
        let request = StoreRequest(operation: "ListParts", bucket: bucket, key: key, uploadID: uploadID)
        try receive(request)
        return try state.withLock { state throws(AWSError) in
            guard let upload = state.uploads[uploadID] else { throw S3Failure.noSuchUpload(request) }
            return upload.parts.sorted { $0.key < $1.key }.map {
                MultipartPart(partNumber: $0.key, eTag: quoted($0.value.eTag), size: $0.value.content.size)
            }
        }
    }

    /// Joins the named parts, which must have been uploaded, in ascending order, each but the
    /// last at least 5 MiB; the object's ETag is multipart (`…-<count>`).
    @discardableResult
    func completeMultipartUpload(
        bucket: String, key: String, uploadID: String, parts: [MultipartPart], ifNoneMatch: Bool,
        fullObjectChecksum: S3Checksum?
    ) throws(AWSError) -> PutObjectResult {
        let request = StoreRequest(operation: "CompleteMultipartUpload", bucket: bucket, key: key, uploadID: uploadID)
        try receive(request)
        return try state.withLock { state throws(AWSError) in
            guard let upload = state.uploads[uploadID] else { throw S3Failure.noSuchUpload(request) }
            var content = Content([])
            for (index, part) in parts.enumerated() {
                guard let stored = upload.parts[part.partNumber], stored.eTag == unquoted(part.eTag),
                    index == 0 || parts[index - 1].partNumber < part.partNumber
                else { throw S3Failure.invalidPart(request) }
                if index < parts.count - 1, stored.content.size < Self.minimumPartSize {
                    throw S3Failure.entityTooSmall(request)
                }
                content = content + stored.content
            }
            guard !parts.isEmpty else { throw S3Failure.invalidPart(request) }
            if ifNoneMatch, state.buckets[bucket]?[key] != nil { throw S3Failure.preconditionFailed(request) }
            let object = MemoryObject(
                content: content, eTag: "\(Self.eTag(of: content))-\(parts.count)", contentType: upload.contentType,
                metadata: upload.metadata, checksum: fullObjectChecksum)
            state.uploads[uploadID] = nil
            state.store(object, bucket: bucket, key: key)
            return PutObjectResult(eTag: quoted(object.eTag))
        }
    }

    func abortMultipartUpload(bucket: String, key: String, uploadID: String) throws(AWSError) {
        let request = StoreRequest(operation: "AbortMultipartUpload", bucket: bucket, key: key, uploadID: uploadID)
        try receive(request)
        try state.withLock { state throws(AWSError) in
            guard state.uploads.removeValue(forKey: uploadID) != nil else { throw S3Failure.noSuchUpload(request) }
        }
    }

    // MARK: Helpers

    private func addPart(
        _ content: Content, to uploadID: String, number: Int, _ request: StoreRequest
    ) throws(AWSError) -> MultipartPart {
        let eTag = Self.eTag(of: content)
        try state.withLock { state throws(AWSError) in
            guard state.uploads[uploadID] != nil else { throw S3Failure.noSuchUpload(request) }
            state.uploads[uploadID]!.parts[number] = MemoryUpload.Part(content: content, eTag: eTag)
        }
        return MultipartPart(partNumber: number, eTag: quoted(eTag), size: content.size)
    }

    private func bytes(of body: RequestBody, _ request: StoreRequest) throws(AWSError) -> [UInt8] {
        switch body {
        case .empty: return []
        case .bytes(let bytes): return bytes
        case .stream(_, _, let open):
            do {
                let source = try open()
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while case let count = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }), count > 0 {
                    bytes += buffer[..<count]
                }
                return bytes
            } catch {
                throw AWSError(
                    service: "S3", operation: request.operation, resource: request.key.map { "\(request.bucket)/\($0)" },
                    code: "StreamFailure", message: "the body source or sink failed", cause: error)
            }
        }
    }

    /// The first index of sorted `keys` whose key satisfies `isAtOrAfter` (which holds from some
    /// index on).
    private static func firstIndex(in keys: [String], where isAtOrAfter: (String) -> Bool) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(keys[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

private func quoted(_ eTag: String) -> String { "\"\(eTag)\"" }

private func unquoted(_ eTag: String) -> String {
    eTag.count >= 2 && eTag.hasPrefix("\"") && eTag.hasSuffix("\"") ? String(eTag.dropFirst().dropLast()) : eTag
}
