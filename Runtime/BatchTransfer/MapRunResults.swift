#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import TransferCore

/// Reads the result files a Distributed Map's ResultWriter left: the result manifest, then each
/// `SUCCEEDED_n.json` and `FAILED_n.json` it lists, one file at a time.
struct MapRunResults {
    let s3: any ObjectStore
    let details: MapRunOutput.ResultWriterDetails

    /// One child execution's result, as the ResultWriter records it.
    struct Entry: Decodable {
        var status: String
        var input: String?
        var output: String?
        var error: String?
        var cause: String?

        enum CodingKeys: String, CodingKey {
            case status = "Status"
            case input = "Input"
            case output = "Output"
            case error = "Error"
            case cause = "Cause"
        }
    }

    private struct Manifest: Decodable {
        var resultFiles: [String: [ResultFile]]

        struct ResultFile: Decodable {
            var key: String
            enum CodingKeys: String, CodingKey { case key = "Key" }
        }

        enum CodingKeys: String, CodingKey { case resultFiles = "ResultFiles" }
    }

    /// Calls `body` with every entry of the succeeded and failed result files.
    func forEach(_ body: (Entry) throws(TransferError) -> Void) throws(TransferError) {
        let manifest = try decode(Manifest.self, key: details.key)
        for status in ["SUCCEEDED", "FAILED"] {
            for file in manifest.resultFiles[status] ?? [] {
                for entry in try decode([Entry].self, key: file.key) { try body(entry) }
            }
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, key: String) throws(TransferError) -> T {
        let body: [UInt8]
        do {
            body = try s3.getObject(bucket: details.bucket, key: key).body
        } catch {
            throw TransferError(error, context: "reading the map run results s3://\(details.bucket)/\(key)")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw TransferError.nonRetryable("the map run results s3://\(details.bucket)/\(key) do not decode: \(error)")
        }
    }
}
