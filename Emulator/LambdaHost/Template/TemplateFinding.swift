/// One problem the template reader found: what it is about (a resource and its property, a
/// parameter, a condition, an output), how grave it is, and the cause.
///
/// Reading goes on past every finding, so one pass reports them all and the functions that can
/// run still do.
public struct TemplateFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// Stops a command that needs the part it is about: `up` for a resource it creates,
        /// `start-execution` for a state machine, every command for the template as a whole.
        case error
        /// Leaves the rest runnable: a function that does not run locally, a resource skipped.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// The section of the template the subject lives in.
    public enum Section: String, Sendable, Hashable {
        case template, parameter, condition, resource, output
    }

    public let severity: Severity
    public let section: Section
    /// The logical id of the resource, parameter, condition or output; empty for the template.
    public let name: String
    /// The property at fault, as a dotted path (`Environment.Variables.TABLE`), if one is.
    public let property: String?
    public let message: String

    init(_ severity: Severity, resource: String, property: String? = nil, _ message: String) {
        self.init(severity, .resource, resource, property, message)
    }

    init(_ severity: Severity, parameter: String, _ message: String) {
        self.init(severity, .parameter, parameter, nil, message)
    }

    init(_ severity: Severity, condition: String, _ message: String) {
        self.init(severity, .condition, condition, nil, message)
    }

    init(_ severity: Severity, output: String, _ message: String) {
        self.init(severity, .output, output, nil, message)
    }

    init(_ severity: Severity, template message: String) {
        self.init(severity, .template, "", nil, message)
    }

    private init(_ severity: Severity, _ section: Section, _ name: String, _ property: String?, _ message: String) {
        self.severity = severity
        self.section = section
        self.name = name
        self.property = property
        self.message = message
    }

    /// `error: resource Api, property CodeUri: code in S3 (…) is not available locally; …`
    public var description: String {
        var subject = section == .template ? "template" : "\(section.rawValue) \(name)"
        if let property { subject += ", property \(property)" }
        return "\(severity.rawValue): \(subject): \(message)"
    }
}
