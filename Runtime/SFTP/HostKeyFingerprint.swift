/// SHA-256 host key fingerprints in OpenSSH's notation (`SHA256:` + base64 without padding).
///
/// Kept pure so the comparison can be tested without a server.
enum HostKeyFingerprint {
    /// Formats the 32 raw bytes libssh2 returns for `LIBSSH2_HOSTKEY_HASH_SHA256`.
    static func format(sha256 digest: [UInt8]) -> String {
        "SHA256:" + base64(digest, padded: false)
    }

    /// Brings a configured fingerprint into the form `format` produces: accepts it with or without
    /// the `SHA256:` prefix, with or without `=` padding, surrounded by whitespace.
    static func normalize(_ text: String) -> String {
        var body = Substring(text).drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        while let last = body.last, last == " " || last == "\t" || last == "\n" || last == "=" { body.removeLast() }
        if body.hasPrefix("SHA256:") { body = body.dropFirst("SHA256:".count) }
        return "SHA256:" + body
    }

    /// Standard base64 (RFC 4648 alphabet).
    static func base64(_ bytes: [UInt8], padded: Bool) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            if remaining > 1 { output.append(alphabet[Int(triple >> 6 & 63)]) } else if padded { output.append(UInt8(ascii: "=")) }
            if remaining > 2 { output.append(alphabet[Int(triple & 63)]) } else if padded { output.append(UInt8(ascii: "=")) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
