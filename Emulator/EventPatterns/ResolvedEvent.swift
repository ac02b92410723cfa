/// An event as a set of patterns reads it: the scalars at each of their fields, found in one walk
/// by ``FieldTree/resolving(_:_:)`` and valid only inside it.
///
/// Matching reads the leaves in place: ``subscript(_:)`` lends a leaf instead of copying it, so
/// that checking a condition retains none of the event's strings. The first few leaves live on
/// the stack, so that matching an ordinary event allocates nothing; a larger event moves them to
/// the heap. The patterns' only unsafe code is here.
struct ResolvedEvent: ~Copyable {
    static let inlineCapacity = 16

    private var leaves: UnsafeMutableBufferPointer<ResolvedLeaf>
    private var onHeap = false
    /// The leaves found.
    private(set) var count = 0

    /// - Parameter inline: uninitialised room for the first leaves, which outlives this.
    init(inline: UnsafeMutableBufferPointer<ResolvedLeaf>) {
        precondition(inline.count > 0, "a resolved event needs room for at least one leaf")
        leaves = inline
    }

    deinit {
        // Leaf by leaf: `deinitialize(count:)` would destroy them through the runtime's generic path.
        for index in 0..<count { _ = (leaves.baseAddress! + index).move() }
        if onHeap { leaves.deallocate() }
    }

    mutating func append(_ leaf: consuming ResolvedLeaf) {
        if count == leaves.count { grow() }
        (leaves.baseAddress! + count).initialize(to: leaf)
        count += 1
    }

    /// The leaf at `index`, lent in place.
    subscript(index: Int) -> ResolvedLeaf {
        unsafeAddress {
            precondition(index >= 0 && index < count, "leaf index out of range")
            return UnsafePointer(leaves.baseAddress! + index)
        }
    }

    /// Moves the leaves to twice the room on the heap.
    private mutating func grow() {
        let larger = UnsafeMutableBufferPointer<ResolvedLeaf>.allocate(capacity: leaves.count * 2)
        larger.baseAddress!.moveInitialize(from: leaves.baseAddress!, count: count)
        if onHeap { leaves.deallocate() }
        leaves = larger
        onHeap = true
    }
}

/// One scalar of the event at a field.
struct ResolvedLeaf {
    let field: Int32
    let inArray: Bool
    let value: LeafValue
}
