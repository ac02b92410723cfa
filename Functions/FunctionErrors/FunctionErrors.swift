public import LambdaRuntime
public import TransferCore

/// The transfer domain's errors as the batch functions report them to Lambda: `errorType` is what
/// the state machine's retry table matches. The domain itself knows nothing of Lambda, so the
/// conformances live here, beside the functions, and the worker never links the runtime.
extension TransferError: FunctionError {}

extension SettingsError: FunctionError {}
