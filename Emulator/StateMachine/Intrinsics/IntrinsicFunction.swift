/// The 18 intrinsic functions of JSONPath mode, with the argument counts AWS accepts.
///
/// Counts are checked when the definition is read, the argument types when the call runs.
enum IntrinsicFunction: String, Sendable, Hashable, CaseIterable {
    case format = "States.Format"
    case stringToJson = "States.StringToJson"
    case jsonToString = "States.JsonToString"
    case array = "States.Array"
    case arrayPartition = "States.ArrayPartition"
    case arrayContains = "States.ArrayContains"
    case arrayRange = "States.ArrayRange"
    case arrayGetItem = "States.ArrayGetItem"
    case arrayLength = "States.ArrayLength"
    case arrayUnique = "States.ArrayUnique"
    case base64Encode = "States.Base64Encode"
    case base64Decode = "States.Base64Decode"
    case hash = "States.Hash"
    case jsonMerge = "States.JsonMerge"
    case mathRandom = "States.MathRandom"
    case mathAdd = "States.MathAdd"
    case stringSplit = "States.StringSplit"
    case uuid = "States.UUID"

    var arity: ClosedRange<Int> {
        switch self {
        case .format: 1...Int.max
        case .array: 0...Int.max
        case .uuid: 0...0
        case .stringToJson, .jsonToString, .arrayLength, .arrayUnique, .base64Encode, .base64Decode: 1...1
        case .arrayPartition, .arrayContains, .arrayGetItem, .hash, .mathAdd, .stringSplit: 2...2
        case .mathRandom: 2...3
        case .arrayRange, .jsonMerge: 3...3
        }
    }

    var arityDescription: String {
        switch (arity.lowerBound, arity.upperBound) {
        case (let low, .max): "at least \(low) argument\(low == 1 ? "" : "s")"
        case (let low, let high) where low == high: "exactly \(low) argument\(low == 1 ? "" : "s")"
        case (let low, let high): "\(low) to \(high) arguments"
        }
    }
}
