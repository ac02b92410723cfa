import AWS
import Foundation
import MotoPeer

/// Objects with keys and contents computed from their index, so a test can upload them and later
/// check every copied byte without keeping them in memory.
struct SampleObjects {
    let prefix: String
    let count: Int
    /// Indices whose objects are larger than the lowered multipart threshold (100,000 bytes).
    let largeEvery: Int

    static let folders = ["plain", "with space", "ünïcødé ファイル"]

    func key(_ index: Int) -> String {
        "\(prefix)\(Self.folders[index % Self.folders.count])/object \(index).bin"
    }

    func size(_ index: Int) -> Int {
        index % largeEvery == 0 ? 150_000 + index : 1 + (index * 37) % 3_000
    }

    func content(_ index: Int) -> [UInt8] {
        var state = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        return (0..<size(index)).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    var totalBytes: Int { (0..<count).reduce(0) { $0 + size($1) } }
    var largeCount: Int { (0..<count).filter { $0 % largeEvery == 0 }.count }

    /// Uploads every object to `bucket`, eight at a time.
    func upload(to bucket: String, with s3: S3Client) throws {
        try forEachConcurrently { index in
            try s3.putObject(bucket: bucket, key: key(index), body: .bytes(content(index)))
        }
    }

    /// Runs `body` for every index on eight threads; the first error is rethrown.
    func forEachConcurrently(_ body: @escaping @Sendable (Int) throws -> Void) throws {
        try ConcurrentWork.forEach(count, body)
    }
}
