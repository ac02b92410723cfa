import StateMachine

/// EventBridge's `InputTransformer`: values picked from the event by path, placed into a template.
///
/// A placeholder `<name>` inside a JSON string takes the value as text (a string's characters
/// escaped, anything else as its JSON); outside a string it takes the value as JSON. Besides the
/// paths, `<aws.events.rule-arn>`, `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`
/// and `<aws.events.event>` (or `.json`, the whole event) are known. A placeholder of no known name
/// stays as written. The result must be JSON: a template that produces anything else is refused,
/// naming the target.
struct InputTransformer: Sendable {
    let paths: [String: EventPath]
    let template: String

    init(pathsMap: [String: String], template: String) throws(DeliveryFailure) {
        var paths: [String: EventPath] = [:]
        for (name, text) in pathsMap { paths[name] = try EventPath(text) }
        self.paths = paths
        self.template = template
    }

    /// The transformed input, checked to be JSON.
    func apply(to event: JSONValue, ruleName: String, ruleARN: String, ingestionTime: String) throws(DeliveryFailure) -> String {
        var values: [String: JSONValue] = [
            "aws.events.rule-arn": .string(ruleARN), "aws.events.rule-name": .string(ruleName),
            "aws.events.event.ingestion-time": .string(ingestionTime), "aws.events.event": event, "aws.events.event.json": event,
        ]
        for (name, path) in paths { values[name] = path.value(in: event) ?? .null }
        let output = substitute(values)
        guard (try? JSONValue(parsing: output)) != nil else {
            throw DeliveryFailure("the InputTransformer produced text that is not JSON: \(output.prefix(200))")
        }
        return output
    }

    private func substitute(_ values: [String: JSONValue]) -> String {
        var output = ""
        var inString = false
        var escaped = false
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "<", let close = template[index...].firstIndex(of: ">"),
                let value = values[String(template[template.index(after: index)..<close])]
            {
                output += inString ? Self.textInString(value) : value.serialized()
                index = template.index(after: close)
                continue
            }
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            }
            output.append(character)
            index = template.index(after: index)
        }
        return output
    }

    /// A value written inside a JSON string: its text, escaped.
    private static func textInString(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.serialized()
        let quoted = JSONValue.string(text).serialized()
        return String(quoted.dropFirst().dropLast())
    }
}
