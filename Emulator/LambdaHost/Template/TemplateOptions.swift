/// What the command line adds to a template: the values CloudFormation would take from the
/// deployment (parameters, other stacks' exports, the region) and local copies of code that is
/// elsewhere.
public struct TemplateOptions: Sendable {
    /// Values that replace the parameters' defaults (`--parameter-overrides`).
    public var parameterOverrides: [String: String]
    /// `Fn::ImportValue` answers, by export name (`--import-value`).
    public var importValues: [String: String]
    /// Local folders that replace functions' code, by logical id (`--code-dir`).
    public var codeDirectories: [String: String]
    /// What `AWS::Region` resolves to.
    public var region: String
    /// Where dynamic references and SSM parameter types are read; nil refuses them by name.
    public var references: (any DynamicReferenceSource)?

    public init(
        parameterOverrides: [String: String] = [:], importValues: [String: String] = [:], codeDirectories: [String: String] = [:],
        region: String = "us-east-1", references: (any DynamicReferenceSource)? = nil
    ) {
        self.parameterOverrides = parameterOverrides
        self.importValues = importValues
        self.codeDirectories = codeDirectories
        self.region = region
        self.references = references
    }
}
