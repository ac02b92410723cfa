import Foundation
import StateMachine

/// Reads the state machines of a template (`AWS::Serverless::StateMachine` and
/// `AWS::StepFunctions::StateMachine`) into definitions the local runner executes.
///
/// The definition comes from `Definition` (inline YAML), `DefinitionUri` (a local JSON or YAML
/// file, relative to the template) or `DefinitionString`; intrinsic functions in it are resolved,
/// then every `${Name}` of `DefinitionSubstitutions` is replaced in its strings, as CloudFormation
/// does.
struct StateMachineReader {
    let resolver: CloudFormationResolver
    let templateDirectory: String
    let templatePath: String

    func definition(named name: String, properties: JSONValue?) throws(TemplateError) -> JSONValue {
        func fail(_ message: String) -> TemplateError {
            TemplateError(path: templatePath, "state machine \(name): \(message)")
        }
        do {
            var substitutions: [String: String] = [:]
            for (variable, value) in properties?["DefinitionSubstitutions"]?.objectValue ?? [:] {
                substitutions[variable] = try resolver.string(value)
            }
            let raw: JSONValue
            if let inline = properties?["Definition"] {
                raw = try resolver.resolve(inline) ?? .object([:])
            } else if let text = try properties?["DefinitionString"].map({ value throws(CloudFormationResolver.Failure) in
                try resolver.string(value)
            }) {
                raw = try parse(text, source: "DefinitionString")
            } else if let uri = properties?["DefinitionUri"]?.stringValue {
                let path = FilePaths.absolute(uri, relativeTo: templateDirectory)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw fail("cannot read DefinitionUri \(path)")
                }
                raw = try parse(text, source: path)
            } else {
                throw fail("has no Definition, DefinitionUri or DefinitionString")
            }
            return Self.substitute(substitutions, in: raw)
        } catch let error as TemplateError {
            throw error
        } catch let error as CloudFormationResolver.Failure {
            throw fail(error.message)
        } catch {
            throw fail("\(error)")
        }
    }

    /// JSON, or YAML (a superset) when the text is not JSON.
    private func parse(_ text: String, source: String) throws -> JSONValue {
        if let json = try? JSONValue(parsing: text) { return json }
        guard let document = try TemplateDocument.parse(text) else {
            throw CloudFormationResolver.Failure(message: "\(source) is empty")
        }
        return try resolver.resolve(document) ?? .object([:])
    }

    static func substitute(_ substitutions: [String: String], in value: JSONValue) -> JSONValue {
        switch value {
        case .string(var text):
            for (name, replacement) in substitutions where text.contains("${") {
                text = text.replacingOccurrences(of: "${\(name)}", with: replacement)
            }
            return .string(text)
        case .array(let items):
            return .array(items.map { substitute(substitutions, in: $0) })
        case .object(let members):
            return .object(members.mapValues { substitute(substitutions, in: $0) })
        default:
            return value
        }
    }
}
