import AWS
import BatchTransfer
import Synchronization

/// A `TopicPublisher` that keeps what is published.
final class RecordingTopic: TopicPublisher {
    struct Publication: Sendable, Hashable {
        var topicARN: String
        var message: String
        var subject: String?
        var attributes: [String: String]
    }

    private let published = Mutex<[Publication]>([])

    var publications: [Publication] {
        published.withLock { $0 }
    }

    @discardableResult
    func publish(
        topicARN: String, message: String, subject: String?, attributes: [String: String], groupID: String?,
        deduplicationID: String?
    ) throws(AWSError) -> String {
        published.withLock { publications in
            publications.append(Publication(topicARN: topicARN, message: message, subject: subject, attributes: attributes))
            return "message-\(publications.count)"
        }
    }
}
