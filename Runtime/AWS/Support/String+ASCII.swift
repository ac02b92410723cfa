extension String {
    /// The string with ASCII `A`–`Z` lowered, and itself (no copy) when there are none: HTTP header
    /// names are ASCII tokens, and `lowercased()` would do full Unicode case mapping and always
    /// allocate.
    func lowercasedASCII() -> String {
        let utf8 = self.utf8
        guard utf8.contains(where: Self.isUppercaseASCII) else { return self }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var index = 0
            for byte in utf8 {
                buffer[index] = Self.isUppercaseASCII(byte) ? byte + 32 : byte
                index += 1
            }
            return index
        }
    }

    /// Whether the two are equal when ASCII letters are compared without case, as HTTP compares
    /// header names.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.count == other.utf8.count && hasPrefixIgnoringASCIICase(other)
    }

    /// Whether the string starts with `prefix`, ASCII letters compared without case.
    func hasPrefixIgnoringASCIICase(_ prefix: String) -> Bool {
        var own = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = own.next(), Self.lowered(byte) == Self.lowered(expected) else { return false }
        }
        return true
    }

    private static func isUppercaseASCII(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        isUppercaseASCII(byte) ? byte + 32 : byte
    }
}
