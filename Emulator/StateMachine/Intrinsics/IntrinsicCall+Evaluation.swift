/// Running a call: arguments first (innermost calls first), then the function.
extension IntrinsicCall {
    func evaluate(in scope: PathScope, field: String) throws(StateFailure) -> JSONValue {
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            values.append(try argument.evaluate(in: scope, field: field))
        }
        let arguments = IntrinsicArguments(function: function, values: values)
        switch function {
        case .format: return try format(arguments)
        case .stringToJson: return try IntrinsicFunction.stringToJson(arguments)
        case .jsonToString: return .string(arguments.value(0).serialized())
        case .array: return .array(values)
        case .arrayPartition: return try IntrinsicFunction.arrayPartition(arguments)
        case .arrayContains: return .bool(try arguments.array(0).contains(arguments.value(1)))
        case .arrayRange: return try IntrinsicFunction.arrayRange(arguments)
        case .arrayGetItem: return try IntrinsicFunction.arrayGetItem(arguments)
        case .arrayLength: return .int(Int64(try arguments.array(0).count))
        case .arrayUnique: return try IntrinsicFunction.arrayUnique(arguments)
        case .base64Encode: return try IntrinsicFunction.base64Encode(arguments)
        case .base64Decode: return try IntrinsicFunction.base64Decode(arguments)
        case .hash: return try IntrinsicFunction.hash(arguments)
        case .jsonMerge: return try IntrinsicFunction.jsonMerge(arguments)
        case .mathRandom: return try IntrinsicFunction.mathRandom(arguments, random: scope.random)
        case .mathAdd: return try IntrinsicFunction.mathAdd(arguments)
        case .stringSplit: return try IntrinsicFunction.stringSplit(arguments)
        case .uuid: return .string(IntrinsicFunction.uuid())
        }
    }

    /// `States.Format` reads its placeholders from the template as written, so an escaped `\{\}`
    /// in a quoted template stays literal text.
    private func format(_ arguments: IntrinsicArguments) throws(StateFailure) -> JSONValue {
        let template: IntrinsicString
        if case .text(let literal) = self.arguments[0] {
            template = literal
        } else {
            template = IntrinsicString(template: try arguments.string(0))
        }
        return try IntrinsicFunction.format(template, arguments)
    }
}

extension IntrinsicArgument {
    func evaluate(in scope: PathScope, field: String) throws(StateFailure) -> JSONValue {
        switch self {
        case .literal(let value): value
        case .text(let text): .string(text.value)
        case .path(let path): try scope.resolve(path, field: field)
        case .call(let call): try call.evaluate(in: scope, field: field)
        }
    }
}
