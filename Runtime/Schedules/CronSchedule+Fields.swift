/// Reading cron fields.
extension CronSchedule {
    /// A field's values: `*`, `n`, `a-b`, `*/n`, `a/n`, `a-b/n`, and lists of them.
    static func values(_ field: String, range: ClosedRange<Int>, name: String, names: [String] = []) throws(ScheduleError) -> Set<Int> {
        var values = Set<Int>()
        for item in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let (span, stepText) = item.split(separator: "/", maxSplits: 1).map(String.init).splitPair
            var step = 1
            if let stepText {
                guard let parsed = Int(stepText), parsed > 0 else { throw ScheduleError("\(name): \(item) has no valid step") }
                step = parsed
            }
            let bounds: ClosedRange<Int>
            if span == "*" {
                bounds = range
            } else if let dash = span.firstIndex(of: "-") {
                let low = try value(String(span[..<dash]), range: range, name: name, names: names)
                let high = try value(String(span[span.index(after: dash)...]), range: range, name: name, names: names)
                guard low <= high else { throw ScheduleError("\(name): \(item) runs backwards") }
                bounds = low...high
            } else {
                let start = try value(span, range: range, name: name, names: names)
                bounds = start...(stepText == nil ? start : range.upperBound)
            }
            values.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return values
    }

    /// One value: a number in range, or a name (`JAN`, `MON`) counted from the range's start.
    static func value(_ text: String, range: ClosedRange<Int>, name: String, names: [String]) throws(ScheduleError) -> Int {
        if let index = names.firstIndex(of: text.uppercased()) { return range.lowerBound + index }
        guard let number = Int(text), range.contains(number) else {
            throw ScheduleError("\(name): \(text) is not between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// The day of month: values, `L`, `LW`, `nW`.
    static func monthDays(_ field: String) throws(ScheduleError) -> DayRule {
        var plain: [String] = []
        var last = false
        var lastWeekday = false
        var nearest = Set<Int>()
        for item in field.split(separator: ",").map(String.init) {
            if item == "L" {
                last = true
            } else if item == "LW" {
                lastWeekday = true
            } else if item.hasSuffix("W") {
                nearest.insert(try value(String(item.dropLast()), range: 1...31, name: "day-of-month", names: []))
            } else {
                plain.append(item)
            }
        }
        let days = plain.isEmpty ? [] : try values(plain.joined(separator: ","), range: 1...31, name: "day-of-month")
        return .monthDays(days, last: last, lastWeekday: lastWeekday, nearestWeekday: nearest)
    }

    /// The day of week: values, `nL`, `n#k`; `L` alone is Saturday, as in Quartz.
    static func weekDays(_ field: String) throws(ScheduleError) -> DayRule {
        var plain: [String] = []
        var lastOfMonth = Set<Int>()
        var nth = Set<[Int]>()
        for item in field.split(separator: ",").map(String.init) {
            if item.hasSuffix("L"), item.count > 1 {
                lastOfMonth.insert(try value(String(item.dropLast()), range: 1...7, name: "day-of-week", names: dayNames))
            } else if item == "L" {
                plain.append("7")
            } else if let hash = item.firstIndex(of: "#") {
                let day = try value(String(item[..<hash]), range: 1...7, name: "day-of-week", names: dayNames)
                guard let k = Int(item[item.index(after: hash)...]), (1...5).contains(k) else {
                    throw ScheduleError("day-of-week: \(item) needs #1 to #5")
                }
                nth.insert([day, k])
            } else {
                plain.append(item)
            }
        }
        let days = plain.isEmpty ? [] : try values(plain.joined(separator: ","), range: 1...7, name: "day-of-week", names: dayNames)
        return .weekDays(days, lastOfMonth: lastOfMonth, nth: nth)
    }
}

extension Array where Element == String {
    /// The first element and the second, if any.
    fileprivate var splitPair: (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}
