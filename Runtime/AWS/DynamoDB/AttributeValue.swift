#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A DynamoDB attribute value in its typed wire form (`{"S": "…"}`, `{"N": "42"}`, …).
///
/// Numbers stay strings, as DynamoDB sends them, so 38-digit values and decimals survive exactly;
/// convert at the edge with `Int64(value)` or `Decimal(string:)`.
public indirect enum AttributeValue: Sendable, Hashable, Codable {
    case s(String)
    case n(String)
    case b([UInt8])
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([[UInt8]])

    /// A number from an integer.
    public static func number(_ value: some BinaryInteger) -> AttributeValue { .n(String(value)) }

    public var stringValue: String? { if case .s(let value) = self { value } else { nil } }
    public var numberValue: String? { if case .n(let value) = self { value } else { nil } }
    public var int64Value: Int64? { numberValue.flatMap { Int64($0) } }
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var mapValue: [String: AttributeValue]? { if case .m(let value) = self { value } else { nil } }
    public var listValue: [AttributeValue]? { if case .l(let value) = self { value } else { nil } }

    private enum Key: String, CodingKey {
        case S, N, B, BOOL, NULL, M, L, SS, NS, BS
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty AttributeValue"))
        }
        switch key {
        case .S: self = .s(try container.decode(String.self, forKey: key))
        case .N: self = .n(try container.decode(String.self, forKey: key))
        case .B: self = .b(try Self.bytes(container.decode(String.self, forKey: key), decoder))
        case .BOOL: self = .bool(try container.decode(Bool.self, forKey: key))
        case .NULL: self = .null
        case .M: self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case .L: self = .l(try container.decode([AttributeValue].self, forKey: key))
        case .SS: self = .ss(try container.decode([String].self, forKey: key))
        case .NS: self = .ns(try container.decode([String].self, forKey: key))
        case .BS: self = .bs(try container.decode([String].self, forKey: key).map { try Self.bytes($0, decoder) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .S)
        case .n(let value): try container.encode(value, forKey: .N)
        case .b(let value): try container.encode(Data(value).base64EncodedString(), forKey: .B)
        case .bool(let value): try container.encode(value, forKey: .BOOL)
        case .null: try container.encode(true, forKey: .NULL)
        case .m(let value): try container.encode(value, forKey: .M)
        case .l(let value): try container.encode(value, forKey: .L)
        case .ss(let value): try container.encode(value, forKey: .SS)
        case .ns(let value): try container.encode(value, forKey: .NS)
        case .bs(let value): try container.encode(value.map { Data($0).base64EncodedString() }, forKey: .BS)
        }
    }

    private static func bytes(_ base64: String, _ decoder: any Decoder) throws -> [UInt8] {
        guard let data = Data(base64Encoded: base64) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid base64"))
        }
        return Array(data)
    }
}

/// An item or key: attribute names to values.
public typealias DynamoDBItem = [String: AttributeValue]
