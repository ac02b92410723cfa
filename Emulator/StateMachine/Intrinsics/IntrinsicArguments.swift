/// The evaluated arguments of one call, with typed access that fails the way AWS does: a
/// `States.IntrinsicFailure` naming the function, the argument and what was found.
struct IntrinsicArguments {
    let function: IntrinsicFunction
    let values: [JSONValue]

    var count: Int { values.count }

    func failure(_ message: String) -> StateFailure {
        .intrinsic("\(function.rawValue): \(message)")
    }

    func value(_ index: Int) -> JSONValue { values[index] }

    func string(_ index: Int) throws(StateFailure) -> String {
        guard let value = values[index].stringValue else { throw mismatch(index, expected: "a string") }
        return value
    }

    func array(_ index: Int) throws(StateFailure) -> [JSONValue] {
        guard let value = values[index].arrayValue else { throw mismatch(index, expected: "an array") }
        return value
    }

    func object(_ index: Int) throws(StateFailure) -> [String: JSONValue] {
        guard let value = values[index].objectValue else { throw mismatch(index, expected: "an object") }
        return value
    }

    func bool(_ index: Int) throws(StateFailure) -> Bool {
        guard let value = values[index].boolValue else { throw mismatch(index, expected: "a boolean") }
        return value
    }

    func integer(_ index: Int) throws(StateFailure) -> Int64 {
        guard let value = values[index].integerValue else { throw mismatch(index, expected: "an integer") }
        return value
    }

    /// Strings the AWS functions accept are capped at 10,000 characters.
    func boundedString(_ index: Int) throws(StateFailure) -> String {
        let value = try string(index)
        guard value.count <= 10_000 else { throw failure("argument \(index + 1) is longer than 10000 characters") }
        return value
    }

    private func mismatch(_ index: Int, expected: String) -> StateFailure {
        failure("argument \(index + 1) must be \(expected), got \(values[index].typeName) \(values[index])")
    }
}
