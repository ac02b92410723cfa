#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AWS
import Jobs
import LineLogging
import Schedules
import Timestamps

extension Router {
    /// A pull tick: each active schedule due now (found through the schedule table's `Due`
    /// index) whose run this router takes, by moving its next run with a conditional write, is
    /// sent to the `TransferWorker` to poll. Two routers ticking at once run each schedule once.
    /// - Returns: true (the tick ran), as a routing task answers.
    /// - Throws: `RoutingDeadEnd` when this router runs no schedules.
    func runDueSchedules(lookups: BatchLookups) throws -> Bool {
        guard let schedules else { throw RoutingDeadEnd(reason: "a PullTick reached a Router with no schedule table (SCHEDULE_TABLE)") }
        let now = jobs.now()
        for schedule in try schedules.due(at: ISO8601Timestamp.format(now)) {
            guard try schedules.claim(schedule, next: Self.nextRun(of: schedule, after: now)) else { continue }
            try poll(schedule, lookups: lookups)
        }
        return true
    }

    /// Sends the schedule's run to the worker; a run whose endpoints cannot take part is logged
    /// and skipped (the schedule runs again at its next time).
    private func poll(_ schedule: TransferSchedule, lookups: BatchLookups) throws {
        let source = try lookups.endpoint(id: schedule.sourceEndpoint)
        let destination = try lookups.endpoint(id: schedule.destinationEndpoint)
        guard let source, source.active, source.customer == schedule.customer, case .sftp(let location) = source.location else {
            log.error("schedule.skipped", ["scheduleId": schedule.id, "reason": "source \(schedule.sourceEndpoint) is not an active SFTP endpoint of \(schedule.customer)"])
            return
        }
        guard let destination, destination.active, destination.customer == schedule.customer else {
            log.error("schedule.skipped", ["scheduleId": schedule.id, "reason": "destination \(schedule.destinationEndpoint) is not an active endpoint of \(schedule.customer)"])
            return
        }
        let flow: Job.Flow = if case .sftp = destination.location { .sftpToSFTP } else { .sftpToS3 }
        try dispatcher.sendPoll(
            PollRequest(
                scheduleID: schedule.id, customer: schedule.customer, sourceEndpoint: source.id, source: location,
                pattern: schedule.pattern, destinationEndpoint: destination.id, flow: flow),
            run: schedule.dueAt)
        log.info("schedule.polled", ["scheduleId": schedule.id, "run": schedule.dueAt])
    }

    /// The schedule's next run after `now`, as the index sorts it; a schedule that never fires
    /// again (a past `at(…)`, an expression that no longer reads) is moved past every tick.
    static func nextRun(of schedule: TransferSchedule, after now: Date) -> String {
        let start = ISO8601Timestamp.parse(schedule.createdAt) ?? now
        guard let expression = try? ScheduleExpression(schedule.expression, timeZone: nil),
            let next = expression.nextFire(after: now, start: start)
        else { return "9999-12-31T23:59:59.999Z" }
        return ISO8601Timestamp.format(next)
    }
}
