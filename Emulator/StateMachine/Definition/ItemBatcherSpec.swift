/// A Distributed Map's `ItemBatcher`: child workflows receive `{"BatchInput": ..., "Items": [...]}`.
struct ItemBatcherSpec: Sendable {
    /// AWS's payload limit, which also caps `MaxInputBytesPerBatch`.
    static let payloadLimit = 262_144

    let maxItems: NumberSetting?
    let maxBytes: NumberSetting?
    let batchInput: PayloadTemplate?

    init(reader: FieldReader) throws(DefinitionError) {
        try reader.rejectUnknown(
            allowed: ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath",
                      "BatchInput"],
            kind: "an ItemBatcher")
        maxItems = try NumberSetting(reader: reader, field: "MaxItemsPerBatch", range: 1...100_000_000)
        maxBytes = try NumberSetting(
            reader: reader, field: "MaxInputBytesPerBatch", range: 1...Double(Self.payloadLimit))
        guard maxItems != nil || maxBytes != nil else {
            throw reader.error("MaxItemsPerBatch", "an ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch")
        }
        batchInput = try reader.template("BatchInput")
    }
}
