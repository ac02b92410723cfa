/// Reads the members of a request's JSON object, refusing unknown members and values of the wrong
/// type or outside their limits, each with an ``APIError`` that names the field.
struct FieldReader {
    let members: [String: JSONBody]
    /// The dotted path of this object inside the body, `""` for the body itself.
    let path: String

    /// The body as an object of `allowed` members only.
    init(body: [UInt8], allowed: Set<String>) throws(APIError) {
        guard !body.isEmpty else { throw .malformedJSON("the body is empty") }
        guard let json = JSONBody(parsing: body) else { throw .malformedJSON("it does not parse") }
        try self.init(json, allowed: allowed, path: "")
    }

    init(_ value: JSONBody, allowed: Set<String>, path: String) throws(APIError) {
        guard case .object(let members) = value else {
            throw path.isEmpty ? .malformedJSON("it is \(value.kind)") : .invalid(path, "must be an object, not \(value.kind)")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalid(Self.name(unknown, in: path), "is not a field of this request (fields: \(allowed.sorted().joined(separator: ", ")))")
        }
        self.members = members
        self.path = path
    }

    func field(_ name: String) -> String { Self.name(name, in: path) }

    static func name(_ name: String, in path: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// A string member: printable (no control characters), at most `maxLength` characters.
    func string(_ name: String, required: Bool = true, maxLength: Int) throws(APIError) -> String? {
        guard let value = members[name], value != .null else {
            if required { throw .invalid(field(name), "is required") }
            return nil
        }
        guard case .string(let text) = value else { throw .invalid(field(name), "must be a string, not \(value.kind)") }
        guard text.count <= maxLength else { throw .invalid(field(name), "is longer than \(maxLength) characters") }
        if let bad = text.unicodeScalars.first(where: Self.isControl) {
            throw .invalid(field(name), "contains the control character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        return text
    }

    /// A string of ASCII letters, digits and `allowed` punctuation only.
    func token(_ name: String, required: Bool = true, maxLength: Int, allowed punctuation: String) throws(APIError) -> String? {
        guard let text = try string(name, required: required, maxLength: maxLength) else { return nil }
        guard !text.isEmpty else { throw .invalid(field(name), "is empty") }
        if let bad = text.unicodeScalars.first(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || punctuation.unicodeScalars.contains($0))) }) {
            throw .invalid(field(name), "may hold only ASCII letters, digits and \(punctuation.map { "'\($0)'" }.joined(separator: " ")), not '\(bad)'")
        }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int64>) throws(APIError) -> Int64? {
        guard let value = members[name], value != .null else { return nil }
        guard case .int(let number) = value else { throw .invalid(field(name), "must be an integer, not \(value.kind)") }
        guard range.contains(number) else { throw .invalid(field(name), "must be between \(range.lowerBound) and \(range.upperBound)") }
        return number
    }

    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let value = members[name], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw .invalid(field(name), "must be true or false, not \(value.kind)") }
        return flag
    }

    func object(_ name: String, allowed: Set<String>) throws(APIError) -> FieldReader? {
        guard let value = members[name], value != .null else { return nil }
        return try FieldReader(value, allowed: allowed, path: field(name))
    }

    func strings(_ name: String, maxCount: Int) throws(APIError) -> [String]? {
        guard let value = members[name], value != .null else { return nil }
        guard case .array(let items) = value else { throw .invalid(field(name), "must be an array, not \(value.kind)") }
        guard items.count <= maxCount else { throw .invalid(field(name), "holds more than \(maxCount) items") }
        var texts: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw .invalid("\(field(name))[\(index)]", "must be a string, not \(item.kind)") }
            texts.append(text)
        }
        return texts
    }

    /// C0 and C1 controls, DEL, and the line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}

/// The checks of the values the API stores.
enum FieldRules {
    /// A relative path below an endpoint: no leading `/`, no `.` or `..` segment, no empty segment.
    static func relativePath(_ text: String, field: String, allowEmpty: Bool, directory: Bool) throws(APIError) {
        if text.isEmpty {
            if allowEmpty { return }
            throw .invalid(field, "is empty")
        }
        guard !text.hasPrefix("/") else { throw .invalid(field, "must be relative (no leading '/')") }
        var segments = text.split(separator: "/", omittingEmptySubsequences: false)
        if directory {
            guard text.hasSuffix("/") else { throw .invalid(field, "must end with '/'") }
            segments.removeLast()
        }
        if segments.contains(where: { $0 == ".." || $0 == "." }) { throw .invalid(field, "must not contain '.' or '..' segments") }
        if segments.contains(where: \.isEmpty) { throw .invalid(field, "must not contain empty segments ('//')") }
        guard text.utf8.count <= 1024 else { throw .invalid(field, "is longer than 1024 bytes") }
    }

    /// An SFTP endpoint's base directory, as the partner names it: absolute (`/outgoing/acme`) or
    /// relative to the login directory, without `.`, `..` or empty segments.
    static func directoryPath(_ text: String, field: String) throws(APIError) {
        guard text != "/" else { return }
        let relative = text.hasPrefix("/") ? String(text.dropFirst()) : text
        try relativePath(relative.hasSuffix("/") ? String(relative.dropLast()) : relative, field: field, allowEmpty: false, directory: false)
    }

    /// An S3 bucket name: 3–63 lowercase letters, digits, `.` and `-`, starting and ending with a
    /// letter or digit.
    static func bucket(_ text: String, field: String) throws(APIError) {
        let ok = (3...63).contains(text.count)
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
            && text.first.map { $0.isLetter || $0.isNumber } == true && text.last.map { $0.isLetter || $0.isNumber } == true
            && !text.contains("..")
        guard ok else { throw .invalid(field, "is not a valid bucket name (3-63 lowercase letters, digits, '.' and '-')") }
    }

    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`.
    static func region(_ text: String, field: String) throws(APIError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let ok = parts.count >= 3 && parts.dropLast().allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
            && parts.last.map { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } } == true
        guard ok else { throw .invalid(field, "is not an AWS region (e.g. us-east-1)") }
    }

    /// `arn:aws:iam::123456789012:role/NAME` (any partition, a path allowed).
    static func roleARN(_ text: String, field: String) throws(APIError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let ok = parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws") && parts[2] == "iam" && parts[3].isEmpty
            && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && parts[5].hasPrefix("role/") && parts[5].count > 5
        guard ok else { throw .invalid(field, "is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)") }
    }

    /// `SHA256:` and 43 characters of unpadded base64, as `ssh-keygen -lf` prints a host key.
    static func hostKeyFingerprint(_ text: String, field: String) throws(APIError) {
        let digest = text.dropFirst("SHA256:".count)
        let ok = text.hasPrefix("SHA256:") && digest.count == 43
            && digest.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "/") }
        guard ok else { throw .invalid(field, "must be SHA256: and 43 base64 characters, as ssh-keygen -lf prints it") }
    }

    /// A DNS name or IPv4 address.
    static func host(_ text: String, field: String) throws(APIError) {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        let ok = !text.isEmpty && text.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }
        guard ok else { throw .invalid(field, "is not a host name or IPv4 address") }
    }
}
