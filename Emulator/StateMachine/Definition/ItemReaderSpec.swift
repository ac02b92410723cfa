/// A Distributed Map's `ItemReader`: where the items come from and how to split them.
struct ItemReaderSpec: Sendable {
    static let getObject = "arn:aws:states:::s3:getObject"
    static let listObjects = "arn:aws:states:::s3:listObjectsV2"

    /// How an object's bytes split into items.
    enum ObjectFormat: Sendable, Hashable {
        /// The object is one JSON array; each element is an item.
        case json
        /// One JSON value per line.
        case jsonLines
        /// A CSV table; each row becomes an object keyed by the header. nil headers: the first row.
        case csv(headers: [String]?, delimiter: Character)
    }

    enum Source: Sendable, Hashable {
        /// `s3:getObject`: the items are in one object.
        case object(ObjectFormat)
        /// `s3:listObjectsV2`: each listed object is an item.
        case listing
    }

    let source: Source
    /// `Bucket` and `Key` (getObject) or `Bucket` and `Prefix` (listObjectsV2), resolved against the
    /// Map state's input.
    let parameters: PayloadTemplate
    let maxItems: NumberSetting?

    init(reader: FieldReader) throws(DefinitionError) {
        try reader.rejectUnknown(allowed: ["Resource", "Parameters", "ReaderConfig"], kind: "an ItemReader")
        let resource = try reader.requiredString("Resource")
        guard let parameters = try reader.template("Parameters") else { throw reader.error("Parameters", "is required") }
        self.parameters = parameters
        var config = try FieldReader(.object([:]), stateName: reader.stateName, field: "ReaderConfig")
        if let given = try reader.nested("ReaderConfig") { config = given }
        try config.rejectUnknown(
            allowed: ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath"],
            kind: "a ReaderConfig")
        maxItems = try NumberSetting(reader: config, field: "MaxItems", range: 0...100_000_000)
        switch resource {
        case Self.listObjects: source = .listing
        case Self.getObject: source = .object(try Self.objectFormat(config))
        default:
            throw reader.error("Resource", "must be \(Self.getObject) or \(Self.listObjects), got '\(resource)'")
        }
    }

    private static func objectFormat(_ config: FieldReader) throws(DefinitionError) -> ObjectFormat {
        guard let inputType = try config.string("InputType") else { throw config.error("InputType", "is required") }
        switch inputType {
        case "JSON": return .json
        case "JSONL": return .jsonLines
        case "CSV": return .csv(headers: try csvHeaders(config), delimiter: try csvDelimiter(config))
        case "MANIFEST":
            throw config.error("InputType", "MANIFEST (S3 Inventory) is not supported by this interpreter")
        default:
            throw config.error("InputType", "must be JSON, JSONL or CSV, got '\(inputType)'")
        }
    }

    private static func csvHeaders(_ config: FieldReader) throws(DefinitionError) -> [String]? {
        switch try config.string("CSVHeaderLocation") ?? "FIRST_ROW" {
        case "FIRST_ROW":
            return nil
        case "GIVEN":
            let headers = try config.array("CSVHeaders")?.compactMap(\.stringValue) ?? []
            guard !headers.isEmpty else { throw config.error("CSVHeaders", "must list the column names when GIVEN") }
            return headers
        case let other:
            throw config.error("CSVHeaderLocation", "must be FIRST_ROW or GIVEN, got '\(other)'")
        }
    }

    private static func csvDelimiter(_ config: FieldReader) throws(DefinitionError) -> Character {
        switch try config.string("CSVDelimiter") ?? "COMMA" {
        case "COMMA": ","
        case "PIPE": "|"
        case "SEMICOLON": ";"
        case "SPACE": " "
        case "TAB": "\t"
        case let other: throw config.error("CSVDelimiter", "must be COMMA, PIPE, SEMICOLON, SPACE or TAB, got '\(other)'")
        }
    }
}
