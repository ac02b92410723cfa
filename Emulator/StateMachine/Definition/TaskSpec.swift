/// A Task state's own fields: what to run and how long to wait for it.
struct TaskSpec: Sendable {
    let resource: String
    let timeout: NumberSetting?

    init(reader: FieldReader) throws(DefinitionError) {
        resource = try reader.requiredString("Resource")
        timeout = try NumberSetting(reader: reader, field: "TimeoutSeconds", range: 1...99_999_999)
        // Heartbeats need a callback channel this interpreter does not have; the fields are
        // checked so that a definition valid on AWS stays valid here.
        let heartbeat = try NumberSetting(reader: reader, field: "HeartbeatSeconds", range: 1...99_999_999)
        if case .fixed(let beat) = heartbeat?.source, case .fixed(let limit) = timeout?.source, beat >= limit {
            throw reader.error("HeartbeatSeconds", "must be smaller than TimeoutSeconds")
        }
    }
}
