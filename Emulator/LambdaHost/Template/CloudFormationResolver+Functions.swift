import Foundation
import StateMachine

/// The list, mapping and encoding functions, with CloudFormation's argument shapes.
extension CloudFormationResolver {
    /// `Fn::Join: [separator, list]`; the list may itself come from a function or a list parameter.
    func join(_ argument: JSONValue) throws(Failure) -> String {
        let (separator, list) = try pair(argument, in: "Fn::Join", shape: "[separator, [values]]")
        guard let items = list.arrayValue else {
            throw Failure(message: "Fn::Join needs a list to join, not \(list.serialized())")
        }
        var parts: [String] = []
        for item in items { parts.append(try text(item)) }
        return parts.joined(separator: try text(separator))
    }

    /// `Fn::Select: [index, list]`.
    func select(_ argument: JSONValue) throws(Failure) -> JSONValue {
        let (indexValue, list) = try pair(argument, in: "Fn::Select", shape: "[index, list]")
        guard let index = indexValue.integerValue ?? indexValue.stringValue.flatMap({ Int64($0) }) else {
            throw Failure(message: "Fn::Select needs a whole number as its index, not \(indexValue.serialized())")
        }
        guard let items = list.arrayValue else {
            throw Failure(message: "Fn::Select needs a list to select from, not \(list.serialized())")
        }
        guard index >= 0, index < items.count else {
            throw Failure(message: "Fn::Select index \(index) is out of range for a list of \(items.count)")
        }
        return items[Int(index)]
    }

    /// `Fn::Split: [delimiter, text]`.
    func split(_ argument: JSONValue) throws(Failure) -> JSONValue {
        let (delimiter, source) = try pair(argument, in: "Fn::Split", shape: "[delimiter, text]")
        let separator = try text(delimiter)
        guard !separator.isEmpty else { throw Failure(message: "Fn::Split needs a delimiter that is not empty") }
        return .array(try text(source).components(separatedBy: separator).map(JSONValue.string))
    }

    /// `Fn::FindInMap: [map, top-level key, second-level key]`, and under the language
    /// extensions a fourth item `{DefaultValue: value}` for a missing key.
    func findInMap(_ argument: JSONValue) throws(Failure) -> JSONValue {
        guard let items = argument.arrayValue, items.count == 3 || items.count == 4 else {
            throw Failure(message: "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]")
        }
        var keys: [String] = []
        for item in items.prefix(3) { keys.append(try text(try required(item, in: "Fn::FindInMap"))) }
        if let found = mappings[keys[0]]?[keys[1]]?[keys[2]] { return found }
        if items.count == 4 {
            guard languageExtensions, let fallback = items[3]["DefaultValue"] else {
                throw Failure(message: "Fn::FindInMap's DefaultValue needs `Transform: AWS::LanguageExtensions` in the template")
            }
            return try required(fallback, in: "Fn::FindInMap")
        }
        guard let map = mappings[keys[0]] else { throw Failure(message: "Fn::FindInMap: the template has no mapping \(keys[0])") }
        let place = map[keys[1]] == nil ? keys[1] : "\(keys[1]).\(keys[2])"
        throw Failure(message: "Fn::FindInMap: mapping \(keys[0]) has no key \(place)")
    }

    /// `Fn::Base64: text`.
    func base64(_ argument: JSONValue) throws(Failure) -> String {
        Data(try text(try required(argument, in: "Fn::Base64")).utf8).base64EncodedString()
    }

    /// `Fn::GetAZs: region` (empty for the stack's region): three zones, `a` to `c`, as moto has.
    func availabilityZones(_ argument: JSONValue) throws(Failure) -> JSONValue {
        let named = try text(try required(argument, in: "Fn::GetAZs"))
        let zoneRegion = named.isEmpty ? region : named
        return .array(["a", "b", "c"].map { .string(zoneRegion + $0) })
    }

    /// `Fn::If: [condition, value if true, value if false]`; either value may be `AWS::NoValue`.
    func choose(_ argument: JSONValue) throws(Failure) -> JSONValue? {
        guard let items = argument.arrayValue, items.count == 3, let name = items[0].stringValue else {
            throw Failure(message: "Fn::If needs [ConditionName, ValueIfTrue, ValueIfFalse]")
        }
        return try evaluate(try condition(named: name, in: "Fn::If") ? items[1] : items[2])
    }

    /// `Fn::Length: list` (language extensions).
    func length(_ argument: JSONValue) throws(Failure) -> JSONValue {
        try requireLanguageExtensions("Fn::Length")
        guard let items = try required(argument, in: "Fn::Length").arrayValue else {
            throw Failure(message: "Fn::Length needs a list")
        }
        return .int(Int64(items.count))
    }

    /// `Fn::ToJsonString: value` (language extensions): the value as compact JSON text.
    func jsonString(_ argument: JSONValue) throws(Failure) -> JSONValue {
        try requireLanguageExtensions("Fn::ToJsonString")
        return .string(try required(argument, in: "Fn::ToJsonString").serialized())
    }

    /// `Fn::ImportValue: name`: another stack's export, which exists locally only when given.
    func importValue(_ argument: JSONValue) throws(Failure) -> String {
        let name = try text(try required(argument, in: "Fn::ImportValue"))
        guard let value = importValues[name] else {
            throw Failure(
                message: "Fn::ImportValue \(name) reads another stack's export, which does not exist locally: "
                    + "give its value with --import-value \(name)=VALUE")
        }
        return value
    }

    /// The two evaluated items of a `[a, b]` argument.
    func pair(_ argument: JSONValue, in function: String, shape: String) throws(Failure) -> (JSONValue, JSONValue) {
        guard let items = argument.arrayValue, items.count == 2 else {
            throw Failure(message: "\(function) needs \(shape), not \(argument.serialized())")
        }
        return (try required(items[0], in: function), try required(items[1], in: function))
    }

    private func requireLanguageExtensions(_ function: String) throws(Failure) {
        guard languageExtensions else {
            throw Failure(message: "\(function) needs `Transform: AWS::LanguageExtensions` in the template")
        }
    }
}
