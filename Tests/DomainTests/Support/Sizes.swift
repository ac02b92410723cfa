let mib: Int64 = 1 << 20
let gib: Int64 = 1 << 30

/// `number` in `width` digits, so keys list in numeric order.
func padded(_ number: Int, width: Int = 6) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
