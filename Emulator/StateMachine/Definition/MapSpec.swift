/// A Map state's own fields, for both processing modes.
///
/// INLINE runs iterations inside this execution; DISTRIBUTED runs each item (or batch) as a
/// child execution and adds the item reader, batcher, result writer and failure tolerance.
struct MapSpec: Sendable {
    enum Mode: String, Sendable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }

    static let distributedOnly = [
        "ItemReader", "ItemBatcher", "ResultWriter", "Label", "ToleratedFailurePercentage",
        "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath",
    ]

    /// What a Distributed Map's children run as (`ProcessorConfig.ExecutionType`).
    enum ExecutionType: String, Sendable {
        case standard = "STANDARD"
        case express = "EXPRESS"
    }

    let mode: Mode
    let executionType: ExecutionType
    let processor: StateGraph
    let itemsPath: JSONPath
    /// `ItemSelector`, or the legacy `Parameters` that means the same for a Map.
    let itemSelector: PayloadTemplate?
    let maxConcurrency: NumberSetting?
    let itemReader: ItemReaderSpec?
    let itemBatcher: ItemBatcherSpec?
    let resultWriter: ResultWriterSpec?
    let toleratedPercentage: NumberSetting?
    let toleratedCount: NumberSetting?
    let label: String?

    init(reader: FieldReader) throws(DefinitionError) {
        try reader.exclusive("ItemProcessor", "Iterator")
        let processorField = reader.has("ItemProcessor") ? "ItemProcessor" : "Iterator"
        guard let processorReader = try reader.nested(processorField) else {
            throw reader.error("ItemProcessor", "is required: the states each item runs through")
        }
        let config = try processorReader.nested("ProcessorConfig")
        let modeName = try config?.string("Mode") ?? "INLINE"
        guard let mode = Mode(rawValue: modeName) else {
            throw processorReader.error("ProcessorConfig.Mode", "must be INLINE or DISTRIBUTED, got '\(modeName)'")
        }
        self.mode = mode
        let typeName = try config?.string("ExecutionType") ?? "STANDARD"
        guard let executionType = ExecutionType(rawValue: typeName) else {
            throw processorReader.error("ProcessorConfig.ExecutionType", "must be STANDARD or EXPRESS, got '\(typeName)'")
        }
        if executionType == .express, mode == .inline {
            throw processorReader.error("ProcessorConfig.ExecutionType", "applies only to Mode DISTRIBUTED")
        }
        self.executionType = executionType
        processor = try StateGraph(reader: processorReader, location: reader.stateName, allowsProcessorConfig: true)
        itemsPath = try reader.path("ItemsPath") ?? .input
        try reader.exclusive("ItemSelector", "Parameters")
        let selector = try reader.template("ItemSelector")
        itemSelector = selector == nil ? try reader.template("Parameters") : selector
        maxConcurrency = try NumberSetting(reader: reader, field: "MaxConcurrency", range: 0...100_000_000)
        if mode == .inline, let field = Self.distributedOnly.first(where: reader.has) {
            throw reader.error(field, "requires ItemProcessor.ProcessorConfig.Mode DISTRIBUTED")
        }
        itemReader = try reader.nested("ItemReader").map { (nested) throws(DefinitionError) in
            try ItemReaderSpec(reader: nested)
        }
        itemBatcher = try reader.nested("ItemBatcher").map { (nested) throws(DefinitionError) in
            try ItemBatcherSpec(reader: nested)
        }
        resultWriter = try reader.nested("ResultWriter").map { (nested) throws(DefinitionError) in
            try ResultWriterSpec(reader: nested)
        }
        toleratedPercentage = try NumberSetting(
            reader: reader, field: "ToleratedFailurePercentage", range: 0...100, integral: false)
        toleratedCount = try NumberSetting(reader: reader, field: "ToleratedFailureCount", range: 0...100_000_000)
        label = try reader.string("Label")
    }
}
