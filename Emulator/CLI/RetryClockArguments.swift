import ArgumentParser
import LambdaHost

/// `--retry-speed`: how much faster than on AWS the waits between retries pass.
struct RetryClockArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "How many times faster than on AWS retries come: Lambda retries a failed asynchronous invocation after 1 and 2 minutes, "
                + "and a rule target's failed delivery after a back-off; 60 makes a minute a second.",
            valueName: "factor"))
    var retrySpeed = 1.0

    func validate() throws {
        guard retrySpeed > 0 else { throw ValidationError("--retry-speed must be above 0, not \(retrySpeed)") }
    }

    var clock: ScheduleClock { ScheduleClock(scale: retrySpeed) }
}
