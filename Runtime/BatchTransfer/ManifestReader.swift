#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import AWS
public import TransferCore

/// Reads a manifest written by `ManifestWriter` entry by entry, fetching it in ranges of
/// `chunkSize` bytes, so a manifest of a million keys is never held whole.
///
/// Every range after the first is pinned to the first one's ETag: a manifest replaced mid-read
/// fails the read instead of mixing two versions.
public final class ManifestReader {
    public let bucket: String
    public let key: String

    private let s3: any ObjectStore
    private let chunkSize: Int64
    private let decoder = JSONDecoder()
    private var offset: Int64 = 0
    private var objectSize: Int64?
    private var eTag: String?
    private var pending: [UInt8] = []
    private var entries: [ManifestEntry] = []
    private var nextIndex = 0

    public init(s3: any ObjectStore, bucket: String, key: String, chunkSize: Int64 = 1024 * 1024) {
        self.s3 = s3
        self.bucket = bucket
        self.key = key
        self.chunkSize = chunkSize
    }

    /// The next entry, or nil at the end of the manifest.
    public func next() throws(TransferError) -> ManifestEntry? {
        while nextIndex == entries.count {
            guard try fetchChunk() else { return nil }
        }
        defer { nextIndex += 1 }
        return entries[nextIndex]
    }

    /// Fetches the next range and parses its complete lines; false when the object is exhausted.
    private func fetchChunk() throws(TransferError) -> Bool {
        entries.removeAll(keepingCapacity: true)
        nextIndex = 0
        if let objectSize, offset >= objectSize {
            guard !pending.isEmpty else { return false }
            try parseLines(final: true)
            return true
        }
        let sink = CollectingSink()
        let head: ObjectHead
        do {
            head = try s3.getObject(
                bucket: bucket, key: key, range: offset...(offset + chunkSize - 1), ifMatch: eTag, into: sink)
        } catch let error where error.code == "InvalidRange" && offset == 0 {
            return false
        } catch {
            throw TransferError(error, context: "reading the manifest s3://\(bucket)/\(key)")
        }
        objectSize = head.objectSize
        eTag = eTag ?? head.eTag
        offset += Int64(sink.bytes.count)
        pending += sink.bytes
        try parseLines(final: offset >= head.objectSize)
        return true
    }

    private func parseLines(final: Bool) throws(TransferError) {
        var lineStart = 0
        for index in pending.indices where pending[index] == UInt8(ascii: "\n") {
            try parse(pending[lineStart..<index])
            lineStart = index + 1
        }
        pending.removeFirst(lineStart)
        if final {
            try parse(pending[...])
            pending.removeAll()
        }
    }

    private func parse(_ line: ArraySlice<UInt8>) throws(TransferError) {
        do {
            if let entry = try ManifestEntry.parse(line: line, decoder: decoder) { entries.append(entry) }
        } catch {
            throw TransferError.nonRetryable("the manifest s3://\(bucket)/\(key) is damaged: \(error.message)")
        }
    }
}
