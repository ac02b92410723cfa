/// A Choice rule's comparison operator, decoded from its name (`NumericLessThanEqualsPath`).
struct ChoiceOperator: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable, CaseIterable {
        case string = "String"
        case numeric = "Numeric"
        case boolean = "Boolean"
        case timestamp = "Timestamp"
    }

    enum Relation: String, Sendable, Hashable, CaseIterable {
        case equals = "Equals"
        case lessThan = "LessThan"
        case greaterThan = "GreaterThan"
        case lessThanEquals = "LessThanEquals"
        case greaterThanEquals = "GreaterThanEquals"
    }

    enum Test: String, Sendable, Hashable, CaseIterable {
        case isNull = "IsNull"
        case isPresent = "IsPresent"
        case isNumeric = "IsNumeric"
        case isString = "IsString"
        case isBoolean = "IsBoolean"
        case isTimestamp = "IsTimestamp"
    }

    enum Form: Sendable, Hashable {
        case compare(Kind, Relation)
        case matches
        case test(Test)
    }

    let name: String
    let form: Form
    /// True for the `...Path` variants, whose operand is a path to the value to compare with.
    let operandIsPath: Bool

    /// Every operator name ASL defines, mapped to its meaning.
    static let all: [String: ChoiceOperator] = {
        var table: [String: ChoiceOperator] = [:]
        func add(_ name: String, _ form: Form, pathVariant: Bool) {
            table[name] = ChoiceOperator(name: name, form: form, operandIsPath: false)
            if pathVariant { table[name + "Path"] = ChoiceOperator(name: name + "Path", form: form, operandIsPath: true) }
        }
        for kind in Kind.allCases {
            for relation in Relation.allCases where kind != .boolean || relation == .equals {
                add(kind.rawValue + relation.rawValue, .compare(kind, relation), pathVariant: true)
            }
        }
        add("StringMatches", .matches, pathVariant: false)
        for test in Test.allCases { add(test.rawValue, .test(test), pathVariant: false) }
        return table
    }()
}
