#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import JSONText

/// One object of a manifest: the item a Distributed Map iteration copies.
///
/// The ETag is kept without its quotes. A manifest is a JSON array with one entry per line, so
/// any JSON reader (Step Functions' `ItemReader`) takes it whole while our own readers stream it
/// line by line.
public struct ManifestEntry: Codable, Sendable, Hashable {
    public var key: String
    public var size: Int64
    public var etag: String

    public init(key: String, size: Int64, etag: String) {
        self.key = key
        self.size = size
        self.etag = ETag.unquoted(etag)
    }

    /// The entry as one line of JSON, written by hand: a million of them go through here.
    var jsonLine: String {
        #"{"key":\#(JSONText.quoted(key)),"size":\#(size),"etag":\#(JSONText.quoted(etag))}"#
    }

    /// Parses one manifest line (`{…}` with or without a trailing comma); nil for `[` and `]`.
    static func parse(line: ArraySlice<UInt8>, decoder: JSONDecoder) throws(ManifestError) -> ManifestEntry? {
        var bytes = line
        while let last = bytes.last, last == UInt8(ascii: ",") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\r") {
            bytes = bytes.dropLast()
        }
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        do {
            return try decoder.decode(ManifestEntry.self, from: Data(bytes))
        } catch {
            throw ManifestError(message: "a manifest line is not an entry: \(String(decoding: bytes, as: UTF8.self))")
        }
    }
}

/// A manifest that cannot be read.
public struct ManifestError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
