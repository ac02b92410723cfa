import Foundation
import StateMachine

/// A SAM or CloudFormation template as the emulator runs it: its functions, the resources it
/// creates and the values it resolves, read the way CloudFormation reads them.
///
/// Reading never stops at a function it cannot run: every problem becomes a ``TemplateFinding``,
/// and the functions that can run are in ``functions``. Only a template that cannot be read at
/// all (not YAML, no `Resources`, a `Globals` that is not a mapping) throws.
public struct SAMTemplate: Sendable {
    /// The template file, absolute.
    public let path: String
    /// The functions that run on this machine, by logical id.
    public let functions: [String: FunctionConfiguration]
    /// The functions the template creates that do not run here, with the finding that says why.
    public let refusedFunctions: [String: TemplateFinding]
    /// Every problem found, errors first, then by section, name and property.
    public let findings: [TemplateFinding]
    /// Parameter values in force: the caller's, else the defaults; a list as its comma-separated text.
    public let parameters: [String: String]
    /// Every resource the stack creates (its `Condition` true), by logical id, with its local
    /// physical name.
    public let resources: [String: LocalResource]
    /// The `Outputs` whose condition holds and whose value resolves, by name.
    public let outputs: [String: String]
    /// The whole template as one JSON tree, which resource properties are resolved from when asked for.
    let document: JSONValue
    let resolver: CloudFormationResolver

    /// The stack name locally, which derived resource names start with.
    public static let defaultStackName = "local"

    /// Reads and resolves a template file.
    public static func load(path: String, options: TemplateOptions = TemplateOptions()) throws(TemplateError) -> SAMTemplate {
        let absolute = FilePaths.absolute(path)
        let text: String
        do {
            text = try String(contentsOfFile: absolute, encoding: .utf8)
        } catch {
            throw TemplateError(path: absolute, "cannot read the template: \(error.localizedDescription)")
        }
        return try parse(yaml: text, path: absolute, options: options)
    }

    /// Resolves a template given as text; `path` locates relative code folders.
    public static func parse(yaml: String, path: String, options: TemplateOptions = TemplateOptions()) throws(TemplateError) -> SAMTemplate {
        let document: JSONValue?
        do {
            document = try TemplateDocument.parse(yaml)
        } catch {
            throw TemplateError(path: path, "the template is not valid YAML: \(error.message)")
        }
        guard let document else { throw TemplateError(path: path, "the template is empty") }
        return try TemplateReader(path: path, options: options).read(document)
    }

    init(
        path: String, functions: [String: FunctionConfiguration], refusedFunctions: [String: TemplateFinding],
        findings: [TemplateFinding], resources: [String: LocalResource], outputs: [String: String], document: JSONValue,
        resolver: CloudFormationResolver
    ) {
        self.path = path
        self.functions = functions
        self.refusedFunctions = refusedFunctions
        self.findings = findings.sorted {
            ($0.severity, $0.section.rawValue, $0.name, $0.property ?? "", $0.message)
                < ($1.severity, $1.section.rawValue, $1.name, $1.property ?? "", $1.message)
        }
        self.resources = resources
        self.outputs = outputs
        self.document = document
        self.resolver = resolver
        parameters = resolver.parameters.compactMapValues { value in
            switch value {
            case .text(let text): text
            case .list(let items): items.joined(separator: ",")
            case .unavailable: nil
            }
        }
    }

    /// The resources of one type, e.g. `AWS::S3::Bucket`, sorted by logical id.
    public func resources(ofType type: String) -> [LocalResource] {
        resources.values.filter { $0.type == type }.sorted { $0.logicalID < $1.logicalID }
    }

    /// The logical id of the function `name` names: its logical id, or its `FunctionName`.
    public func functionID(named name: String) -> String? {
        if functions[name] != nil || refusedFunctions[name] != nil { return name }
        return resources.values.first { $0.isFunction && $0.physicalName == name }?.logicalID
    }
}

/// A template that cannot be used, with the file and the reason.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
