import StateMachine

/// The JSONPath EventBridge accepts in `InputPath` and `InputPathsMap`: `$`, then `.name`,
/// `['name']` or `[index]` steps. A path that finds nothing gives nil.
struct EventPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case field(String)
        case index(Int)
    }

    let text: String
    let steps: [Step]

    init(_ text: String) throws(DeliveryFailure) {
        self.text = text
        var rest = Substring(text)
        guard rest.first == "$" else { throw DeliveryFailure("the path \(text) does not start with $") }
        rest = rest.dropFirst()
        var steps: [Step] = []
        while let first = rest.first {
            if first == "." {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw DeliveryFailure("the path \(text) has an empty step") }
                steps.append(.field(String(name)))
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw DeliveryFailure("the path \(text) has an unclosed [") }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if let index = Int(inside) {
                    steps.append(.index(index))
                } else if inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"", inside.last == quote {
                    steps.append(.field(String(inside.dropFirst().dropLast())))
                } else {
                    throw DeliveryFailure("the path \(text) has a step [\(inside)] EventBridge does not accept")
                }
                rest = rest[rest.index(after: close)...]
            } else {
                throw DeliveryFailure("the path \(text) is not a JSONPath EventBridge accepts")
            }
        }
        self.steps = steps
    }

    func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for step in steps {
            switch step {
            case .field(let name):
                guard let next = current[name] else { return nil }
                current = next
            case .index(let index):
                guard let items = current.arrayValue, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }
}
