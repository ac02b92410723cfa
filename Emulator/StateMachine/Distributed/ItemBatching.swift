/// Groups a Distributed Map's items into batches for `ItemBatcher`.
enum ItemBatching {
    /// The child input for one batch.
    static func input(items: [JSONValue], batchInput: JSONValue?) -> JSONValue {
        var input: [String: JSONValue] = ["Items": .array(items)]
        if let batchInput { input["BatchInput"] = batchInput }
        return .object(input)
    }

    /// Fills batches in item order, starting a new one when the next item would pass
    /// `maxItems` or make the serialised child input larger than `maxBytes`. An item too large
    /// on its own still gets a batch of its own.
    static func batches(_ items: [JSONValue], maxItems: Int?, maxBytes: Int?, batchInput: JSONValue?) -> [[JSONValue]] {
        let emptySize = input(items: [], batchInput: batchInput).serializedByteCount
        var batches: [[JSONValue]] = []
        var current: [JSONValue] = []
        var currentSize = emptySize
        for item in items {
            let itemSize = item.serializedByteCount + (current.isEmpty ? 0 : 1)
            let fitsCount = maxItems.map { current.count < $0 } ?? true
            let fitsBytes = maxBytes.map { currentSize + itemSize <= $0 } ?? true
            if !current.isEmpty, !(fitsCount && fitsBytes) {
                batches.append(current)
                current = []
                currentSize = emptySize
            }
            currentSize += item.serializedByteCount + (current.isEmpty ? 0 : 1)
            current.append(item)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
