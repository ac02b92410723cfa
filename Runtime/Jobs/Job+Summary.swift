import JSONText

extension Job {
    /// The job as one JSON object, for notifications and log lines: identity, state, outcome.
    public var summaryJSON: String {
        var fields: [(String, String)] = [
            ("jobId", JSONText.quoted(id)), ("customer", JSONText.quoted(customer)),
            ("source", JSONText.quoted(sourceEndpoint)), ("destination", JSONText.quoted(destinationEndpoint)),
            ("key", JSONText.quoted(object.key)), ("size", String(object.size)), ("flow", JSONText.quoted(flow.rawValue)),
            ("state", JSONText.quoted(state.rawValue)), ("attempts", String(attempts)), ("updatedAt", JSONText.quoted(updatedAt)),
        ]
        if let bytes { fields.append(("bytes", String(bytes))) }
        if let checksum { fields.append(("checksum", JSONText.quoted(checksum))) }
        if let failure {
            fields.append(("errorCode", JSONText.quoted(failure.code)))
            fields.append(("errorMessage", JSONText.quoted(failure.message)))
        }
        return "{" + fields.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
