import StateMachine

/// A template parameter's value as `Ref` gives it: text, or a list for `CommaDelimitedList`,
/// `List<…>` and the list forms of `AWS::SSM::Parameter::Value<…>`.
enum ParameterValue: Sendable, Equatable {
    case text(String)
    case list([String])
    /// The parameter has no value locally; the message says why and what to give.
    case unavailable(String)

    /// As a template value: a string or a list of strings.
    var json: JSONValue? {
        switch self {
        case .text(let text): .string(text)
        case .list(let items): .array(items.map(JSONValue.string))
        case .unavailable: nil
        }
    }
}

/// Reads the `Parameters` section: each parameter's value from the command line or its
/// `Default`, typed by its `Type`, and checked against its `AllowedValues`.
struct ParameterReader {
    let overrides: [String: String]
    let references: (any DynamicReferenceSource)?

    /// The values, and a finding for each that breaks its declaration.
    func read(_ section: JSONValue?) -> (values: [String: ParameterValue], findings: [TemplateFinding]) {
        var values: [String: ParameterValue] = [:]
        var findings: [TemplateFinding] = []
        for (name, declaration) in section?.objectValue ?? [:] {
            let type = declaration["Type"]?.stringValue ?? "String"
            guard let text = overrides[name] ?? declaration["Default"].flatMap(Self.text) else {
                values[name] = .unavailable("parameter \(name) has no value: give it with --parameter-overrides \(name)=VALUE")
                continue
            }
            if let allowed = declaration["AllowedValues"]?.arrayValue?.compactMap(Self.text), !allowed.contains(text) {
                findings.append(TemplateFinding(
                    .error, parameter: name, "\(text) is not one of its AllowedValues (\(allowed.joined(separator: ", ")))"))
            }
            values[name] = value(of: name, type: type, text: text)
        }
        for name in overrides.keys where section?[name] == nil {
            findings.append(TemplateFinding(.warning, parameter: name, "--parameter-overrides names a parameter the template does not declare"))
        }
        return (values, findings)
    }

    private func value(of name: String, type: String, text: String) -> ParameterValue {
        let ssmPrefix = "AWS::SSM::Parameter::Value<"
        guard type.hasPrefix(ssmPrefix), type.hasSuffix(">") else {
            return Self.isList(type) ? .list(Self.split(text)) : .text(text)
        }
        let inner = String(type.dropFirst(ssmPrefix.count).dropLast())
        guard let references else {
            return .unavailable(
                "parameter \(name) (\(type)) is the value of the SSM parameter \(text), which needs an AWS endpoint: "
                    + "give --endpoint-url, or the value with --parameter-overrides \(name)=VALUE and Type String")
        }
        do {
            let stored = try references.parameter(named: text, version: nil, decrypt: false)
            return Self.isList(inner) ? .list(Self.split(stored)) : .text(stored)
        } catch {
            return .unavailable("parameter \(name) (\(type)): cannot read the SSM parameter \(text): \(error)")
        }
    }

    private static func isList(_ type: String) -> Bool {
        type == "CommaDelimitedList" || type.hasPrefix("List<")
    }

    /// CloudFormation splits on commas and keeps empty items: `''` is `[""]`.
    private static func split(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
    }

    /// A scalar as text (`Default: 40` is "40"); a list default is joined with commas.
    static func text(_ value: JSONValue) -> String? {
        if let items = value.arrayValue { return items.compactMap(\.scalarText).joined(separator: ",") }
        return value.scalarText
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
