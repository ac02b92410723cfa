/// A state machine definition that cannot run, naming the state and the field at fault.
///
/// `stateName` is the state's path from the top (`TransferAll/CopyObject` for a state inside a
/// Map's ItemProcessor) so that names repeated in different branches stay unambiguous; it is nil
/// for the machine's own fields such as `StartAt`.
public struct DefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var stateName: String?
    public var field: String
    public var message: String

    public init(stateName: String?, field: String, message: String) {
        self.stateName = stateName
        self.field = field
        self.message = message
    }

    public var description: String {
        switch (stateName, field.isEmpty) {
        case (let stateName?, false): "State '\(stateName)', field '\(field)': \(message)"
        case (let stateName?, true): "State '\(stateName)': \(message)"
        case (nil, false): "Field '\(field)': \(message)"
        case (nil, true): "Definition: \(message)"
        }
    }
}
