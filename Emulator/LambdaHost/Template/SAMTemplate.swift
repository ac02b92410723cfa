import Foundation
import Yams

/// The parts of a SAM template the emulator runs: its functions and its parameters.
public struct SAMTemplate: Sendable {
    /// The template file, absolute.
    public let path: String
    public let functions: [String: FunctionConfiguration]
    /// Parameter values in force: the template's defaults, overridden by the caller's.
    public let parameters: [String: String]

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
        let resolver = CloudFormationResolver(
            parameters: parameters, resourceNames: Set(resources.keys.compactMap(\.string)), region: region)
        let reader = FunctionReader(
            templateDirectory: FilePaths.directory(of: path), globals: root["Globals"]?["Function"],
            resolver: resolver, templatePath: path)
        var functions: [String: FunctionConfiguration] = [:]
        for (key, resource) in resources {
            guard let name = key.string, resource["Type"]?.string == "AWS::Serverless::Function" else { continue }
            functions[name] = try reader.function(named: name, properties: resource["Properties"])
        }
        return SAMTemplate(path: path, functions: functions, parameters: parameters)
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
