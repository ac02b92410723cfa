/// A `wildcard` pattern: `*` matches any run of characters, including none; `\*` and `\\` stand
/// for themselves.
///
/// Matching walks the literal pieces between the stars left to right, each at its first place,
/// which is exact for patterns whose only operator is `*`, in time linear in the value.
struct ValueWildcard: Sendable, Hashable {
    /// The literal pieces around the stars, as UTF-8: one more than there are stars, empty where
    /// a star begins or ends the pattern.
    let pieces: [[UInt8]]

    /// The most stars one pattern may hold. EventBridge refuses patterns whose matching could
    /// keep too many partial matches alive at once; this bound is the local approximation of
    /// that limit (AWS's example `*:*:*:*:*:event-bus/*`, six stars, is refused).
    static let maximumStars = 5

    /// Reads a pattern, checking it as event-ruler does. Positions in the reasons count bytes of
    /// the value in quotes, as event-ruler reports them.
    init(_ pattern: String) throws(InvalidEventPatternError) {
        let bytes = Array(pattern.utf8)
        var pieces: [[UInt8]] = [[]]
        var stars = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    throw InvalidEventPatternError(reason: "Consecutive wildcard characters at pos \(index + 1)")
                }
                stars += 1
                pieces.append([])
            } else if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") || bytes[index + 1] == UInt8(ascii: "\\") else {
                    throw InvalidEventPatternError(reason: "Invalid escape character at pos \(index + 1)")
                }
                pieces[pieces.count - 1].append(bytes[index + 1])
                index += 1
            } else {
                pieces[pieces.count - 1].append(byte)
            }
            index += 1
        }
        guard stars <= Self.maximumStars else {
            throw InvalidEventPatternError(
                reason: "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character")
        }
        self.pieces = pieces
    }

    func matches(_ value: String) -> Bool {
        let text = Array(value.utf8)
        guard pieces.count > 1 else { return text == pieces[0] }
        let first = pieces[0]
        let last = pieces[pieces.count - 1]
        guard text.count >= first.count + last.count, text.starts(with: first), text.reversed().starts(with: last.reversed()) else {
            return false
        }
        var position = first.count
        let end = text.count - last.count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = Self.find(piece, in: text, from: position, before: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    private static func find(_ piece: [UInt8], in text: [UInt8], from start: Int, before end: Int) -> Int? {
        guard end - start >= piece.count else { return nil }
        var index = start
        while index + piece.count <= end {
            if text[index] == piece[0], text[index..<index + piece.count].elementsEqual(piece) { return index }
            index += 1
        }
        return nil
    }
}
