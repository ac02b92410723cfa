import StateMachine

/// Turns a pattern's JSON into branches, refusing what EventBridge refuses with its reasons.
///
/// Follows event-ruler's `JsonRuleCompiler`: fields nest by path, a field's value is an object
/// (deeper fields) or a non-empty array of values, `$or` takes two objects or more and multiplies
/// the branches, and each match expression has exactly one key. Objects are read in key order, so
/// when a pattern has several faults the one reported may differ from AWS's (which reads in
/// document order).
enum PatternCompiler {
    typealias Branch = [String: [ValueMatcher]]

    /// Names that cannot be fields inside `$or`, because they are (or are kept for) operators.
    static let reservedInOr: Set<String> = [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    ]

    static func compile(_ pattern: JSONValue) throws(InvalidEventPatternError) -> [PatternBranch] {
        guard case .object(let members) = pattern else { throw fault("Filter is not an object").at([]) }
        var branches: [Branch] = []
        try object(members, path: "", insideOr: false, into: &branches)
        return branches.map { branch in
            PatternBranch(conditions: branch.keys.sorted().map { FieldCondition(path: FieldPath($0), matchers: branch[$0]!) })
        }
    }

    static func fault(_ reason: String) -> InvalidEventPatternError {
        InvalidEventPatternError(reason: reason)
    }

    private static func object(
        _ members: [String: JSONValue], path: String, insideOr: Bool, into branches: inout [Branch]
    ) throws(InvalidEventPatternError) {
        guard !members.isEmpty else { throw fault("Empty objects are not allowed").at([], .closing) }
        for key in members.keys.sorted() {
            let value = members[key]!
            do throws(InvalidEventPatternError) {
                if key == "$or" {
                    try alternatives(value, path: path, into: &branches)
                    continue
                }
                if insideOr, reservedInOr.contains(key) {
                    throw fault("\(key) is Ruler reserved fieldName which cannot be used inside $or.")
                }
                let fieldPath = path.isEmpty ? key : path + "." + key
                switch value {
                case .object(let nested): try object(nested, path: fieldPath, insideOr: insideOr, into: &branches)
                case .array(let values):
                    let matchers = try field(values)
                    if branches.isEmpty { branches.append([:]) }
                    for index in branches.indices { branches[index][fieldPath] = matchers }
                default: throw fault("\"\(key)\" must be an object or an array")
                }
            } catch {
                throw error.within(.key(key))
            }
        }
    }

    /// `$or`: each object is a branch of its own, on top of every branch so far.
    private static func alternatives(_ value: JSONValue, path: String, into branches: inout [Branch]) throws(InvalidEventPatternError) {
        guard case .array(let options) = value else { throw fault("It must be an Array followed with $or.").at([]) }
        let before = branches
        var after: [Branch] = []
        for (index, option) in options.enumerated() {
            guard case .object(let members) = option else {
                throw fault("Only JSON object is allowed in array of $or relationship.").at([.index(index)])
            }
            var forked = before.isEmpty ? [[:]] : before
            do throws(InvalidEventPatternError) {
                try object(members, path: path, insideOr: true, into: &forked)
            } catch {
                throw error.within(.index(index))
            }
            after += forked
        }
        guard options.count >= 2 else { throw fault("There must have at least 2 Objects in $or relationship.").at([], .closing) }
        branches = after
    }

    /// A field's list of values.
    private static func field(_ values: [JSONValue]) throws(InvalidEventPatternError) -> [ValueMatcher] {
        var matchers: [ValueMatcher] = []
        for (index, value) in values.enumerated() {
            switch value {
            case .object(let expression):
                do throws(InvalidEventPatternError) {
                    matchers.append(try MatchExpression.compile(expression))
                } catch {
                    throw error.within(.index(index))
                }
            case .string(let text):
                if let address = IPAddress.parse(text) {
                    matchers.append(.address(text, address))
                } else {
                    matchers.append(.string(text))
                }
            case .int, .double: matchers.append(.number(value, ComparableNumber.of(value)))
            case .bool(let flag): matchers.append(.boolean(flag))
            case .null: matchers.append(.null)
            case .array: throw fault("Match value must be String, number, true, false, or null").at([.index(index)])
            }
        }
        guard !matchers.isEmpty else { throw fault("Empty arrays are not allowed").at([], .closing) }
        return matchers
    }
}
