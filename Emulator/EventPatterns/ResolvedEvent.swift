/// An event as a set of patterns reads it: the scalars at each of their fields, found in one walk
/// by ``FieldTree/resolving(_:_:)`` and valid only inside it. The first few are kept on the
/// stack, so that matching an ordinary event allocates nothing.
struct ResolvedEvent: ~Copyable {
    static let inlineCapacity = 16

    private let inline: UnsafeMutableBufferPointer<ResolvedLeaf>
    private var inlineCount = 0
    private var overflow: [ResolvedLeaf] = []

    init(inline: UnsafeMutableBufferPointer<ResolvedLeaf>) {
        self.inline = inline
    }

    mutating func append(_ leaf: consuming ResolvedLeaf) {
        if inlineCount < inline.count {
            (inline.baseAddress! + inlineCount).initialize(to: leaf)
            inlineCount += 1
        } else {
            overflow.append(leaf)
        }
    }

    /// Ends the leaves kept on the stack.
    mutating func release() {
        inline.baseAddress?.deinitialize(count: inlineCount)
        inlineCount = 0
    }

    /// Calls `body` with each value of `field` and whether it lies inside an array, until `body` returns false.
    func forEachValue(of field: Int32, _ body: (LeafValue, _ inArray: Bool) -> Bool) {
        for index in 0..<inlineCount where inline[index].field == field {
            guard body(inline[index].value, inline[index].inArray) else { return }
        }
        for leaf in overflow where leaf.field == field {
            guard body(leaf.value, leaf.inArray) else { return }
        }
    }
}

/// One scalar of the event at a field.
struct ResolvedLeaf {
    let field: Int32
    let inArray: Bool
    let value: LeafValue
}
