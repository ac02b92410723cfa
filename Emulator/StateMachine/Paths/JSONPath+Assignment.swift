/// Writing through a path, as `ResultPath` does.
extension JSONPath {
    /// `document` with `value` placed at this path; objects missing on the way are created.
    ///
    /// Returns nil when a node on the way exists but is not an object, which AWS reports as a
    /// runtime failure rather than silently replacing the caller's data. Only field paths
    /// (`isFieldReference`) are accepted by the definition reader for writing.
    func assigning(_ value: JSONValue, into document: JSONValue) -> JSONValue? {
        Self.assign(value, into: document, segments: segments[...])
    }

    private static func assign(_ value: JSONValue, into node: JSONValue, segments: ArraySlice<Segment>) -> JSONValue? {
        guard let first = segments.first else { return value }
        guard case .field(let name) = first else { return nil }
        guard case .object(var members) = node else { return nil }
        let child = members[name] ?? .object([:])
        guard let updated = assign(value, into: child, segments: segments.dropFirst()) else { return nil }
        members[name] = updated
        return .object(members)
    }
}
