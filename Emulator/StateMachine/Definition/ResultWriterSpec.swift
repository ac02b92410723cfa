/// A Distributed Map's `ResultWriter`: the bucket and prefix that receive the run's result files.
struct ResultWriterSpec: Sendable {
    static let putObject = "arn:aws:states:::s3:putObject"

    /// `Bucket` and `Prefix`, resolved against the Map state's input.
    let parameters: PayloadTemplate

    init(reader: FieldReader) throws(DefinitionError) {
        if reader.has("WriterConfig") {
            throw reader.error("WriterConfig", "output transformations are not supported by this interpreter")
        }
        try reader.rejectUnknown(allowed: ["Resource", "Parameters"], kind: "a ResultWriter")
        let resource = try reader.requiredString("Resource")
        guard resource == Self.putObject else {
            throw reader.error("Resource", "must be \(Self.putObject), got '\(resource)'")
        }
        guard let parameters = try reader.template("Parameters") else { throw reader.error("Parameters", "is required") }
        self.parameters = parameters
    }
}
