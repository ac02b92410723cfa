#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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

/// ETags as S3 sends them (`"…"`) and as manifests keep them (bare).
enum ETag {
    static func unquoted(_ eTag: String) -> String {
        var value = Substring(eTag)
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// A multipart ETag (`md5-N`) depends on the part sizes, so it says nothing about the content
    /// compared with another object's.
    static func isMultipart(_ eTag: String) -> Bool {
        eTag.contains("-")
    }
}

/// A manifest that cannot be read.
public struct ManifestError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
