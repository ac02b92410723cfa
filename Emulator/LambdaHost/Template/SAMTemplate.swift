import Foundation
import Yams

/// The parts of a SAM template the emulator runs: its functions and its parameters.
public struct SAMTemplate: Sendable {
    /// The template file, absolute.
    public let path: String
    public let functions: [String: FunctionConfiguration]
    /// Parameter values in force: the template's defaults, overridden by the caller's.
    public let parameters: [String: String]
    /// Every resource, by logical id, with its local physical name.
    public let resources: [String: LocalResource]
    /// The template's text: resource properties are composed from it again when asked for, since
    /// YAML nodes cannot cross tasks.
    let yaml: String
    let resolver: CloudFormationResolver

    /// The stack name locally, which derived resource names start with.
    public static let defaultStackName = "local"

    /// Reads and resolves a template.
    /// - Parameters:
    ///   - path: the YAML file (SAM's `template.yaml`).
    ///   - parameterOverrides: values that replace the parameters' defaults.
    ///   - region: what `AWS::Region` resolves to.
    public static func load(
        path: String, parameterOverrides: [String: String] = [:], region: String = "us-east-1"
    ) throws(TemplateError) -> SAMTemplate {
        let absolute = FilePaths.absolute(path)
        let text: String
        do {
            text = try String(contentsOfFile: absolute, encoding: .utf8)
        } catch {
            throw TemplateError(path: absolute, "cannot read the template: \(error.localizedDescription)")
        }
        return try parse(yaml: text, path: absolute, parameterOverrides: parameterOverrides, region: region)
    }

    /// The resources of one type, e.g. `AWS::S3::Bucket`, sorted by logical id.
    public func resources(ofType type: String) -> [LocalResource] {
        resources.values.filter { $0.type == type }.sorted { $0.logicalID < $1.logicalID }
    }

    /// Resolves a template given as text; `path` locates relative `CodeUri` folders.
    public static func parse(
        yaml: String, path: String, parameterOverrides: [String: String] = [:], region: String = "us-east-1"
    ) throws(TemplateError) -> SAMTemplate {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else { throw TemplateError(path: path, "the template is empty") }
            root = composed
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(path: path, "the template is not valid YAML: \(error)")
        }
        guard let resources = root["Resources"]?.mapping else {
            throw TemplateError(path: path, "the template has no Resources section")
        }
        var parameters: [String: String] = [:]
        for (key, value) in root["Parameters"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            parameters[name] = value["Default"]?.string
        }
        parameters.merge(parameterOverrides) { $1 }
        let resolver = try resolver(for: resources, parameters: parameters, region: region, path: path)
        let reader = FunctionReader(
            templateDirectory: FilePaths.directory(of: path), globals: root["Globals"]?["Function"],
            resolver: resolver, templatePath: path)
        var functions: [String: FunctionConfiguration] = [:]
        for (key, resource) in resources {
            guard let name = key.string, resource["Type"]?.string == "AWS::Serverless::Function" else { continue }
            functions[name] = try reader.function(named: name, properties: resource["Properties"])
        }
        return SAMTemplate(
            path: path, functions: functions, parameters: parameters, resources: resolver.resources, yaml: yaml,
            resolver: resolver)
    }

    /// Names every resource, then returns the resolver that answers `!Ref` and `!GetAtt` with
    /// those names. A resource's own name property may use parameters but not other resources.
    private static func resolver(
        for resources: Node.Mapping, parameters: [String: String], region: String, path: String
    ) throws(TemplateError) -> CloudFormationResolver {
        let unnamed = CloudFormationResolver(parameters: parameters, resources: [:], region: region, stackName: defaultStackName)
        var named: [String: LocalResource] = [:]
        for (key, resource) in resources {
            guard let logicalID = key.string, let type = resource["Type"]?.string else { continue }
            var explicitName: String?
            if let property = LocalResource.nameProperty(of: type), let node = resource["Properties"]?[property] {
                do {
                    explicitName = try unnamed.string(node)
                } catch {
                    throw TemplateError(path: path, "resource \(logicalID), \(property): \(error.message)")
                }
            }
            named[logicalID] = LocalResource(
                logicalID: logicalID, type: type, explicitName: explicitName, stackName: defaultStackName, region: region,
                accountID: CloudFormationResolver.accountID)
        }
        return CloudFormationResolver(parameters: parameters, resources: named, region: region, stackName: defaultStackName)
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
