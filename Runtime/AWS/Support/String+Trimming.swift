extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (FoundationEssentials has
    /// no `trimmingCharacters(in:)`).
    func trimmingHTTPWhitespace() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
