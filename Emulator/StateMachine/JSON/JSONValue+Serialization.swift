public import Foundation
import JSONText

/// Writing compact JSON text: no insignificant whitespace, object keys sorted so equal values give
/// equal bytes, integers without a fraction, non-finite doubles (which JSON cannot hold) as `null`.
extension JSONValue: CustomStringConvertible {
    public var description: String { serialized() }

    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    public func serializedData() -> Data { Data(serialized().utf8) }

    /// The UTF-8 size of the serialised text; ItemBatcher's `MaxInputBytesPerBatch` counts this.
    var serializedByteCount: Int { serialized().utf8.count }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): out += JSONText.quoted(value)
        case .array(let elements):
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { out += "," }
                out += JSONText.quoted(key)
                out += ":"
                members[key, default: .null].write(to: &out)
            }
            out += "}"
        }
    }
}
