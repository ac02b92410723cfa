/// Parsing of the raw header lines libcurl hands its header callback, shared by every transfer.
enum HeaderLine {
    /// Adds one line's header to `headers`, its name lowercased (HTTP compares names without regard
    /// to case) and its value trimmed. A status line starts a new header block (after a
    /// `100 Continue` or a redirect), so only the final response's headers are kept.
    static func take(_ line: UnsafeRawBufferPointer, into headers: inout [(name: String, value: String)]) {
        if line.starts(with: "HTTP/".utf8) {
            headers.removeAll(keepingCapacity: true)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        var start = colon + 1
        var end = line.count
        while start < end, isWhitespace(line[start]) { start += 1 }
        while end > start, isWhitespace(line[end - 1]) { end -= 1 }
        let name = String(unsafeUninitializedCapacity: colon) { buffer in
            for index in 0..<colon {
                let byte = line[index]
                buffer[index] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            }
            return colon
        }
        headers.append((name, String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)))
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
