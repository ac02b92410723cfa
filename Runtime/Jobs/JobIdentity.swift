import AWS

/// The idempotency key of a transfer and the job id derived from it: the same customer, endpoints,
/// object and object version always give the same id, so a duplicate delivery, a replayed event or
/// a request sent twice finds the job the first one made instead of making another.
public enum JobIdentity {
    /// `job-` and the first 32 hex digits of the SHA-256 of the key's fields, one per line.
    /// - Throws: only when OpenSSL cannot hash (out of memory).
    public static func jobID(
        customer: String, sourceEndpoint: String, destinationEndpoint: String, object: Job.Object
    ) throws -> String {
        let fields = [customer, sourceEndpoint, destinationEndpoint, object.key, String(object.size), object.version]
        return try jobID(idempotencyKey: fields.joined(separator: "\n"))
    }

    /// The job id for a key the caller chose (the API's `Idempotency-Key`, scoped by customer).
    public static func jobID(idempotencyKey: String) throws -> String {
        "job-" + (try PayloadHash.sha256(of: idempotencyKey.utf8).value.prefix(32))
    }
}
