public import AWS
public import TransferCore

/// `JobCheckpoints` in a DynamoDB table whose partition key is the string attribute `pk` (the
/// shape of the seen-files table, so one table can hold both): one item `checkpoint#<id>` per unfinished
/// job, holding `uploadId`.
public struct DynamoDBJobCheckpoints: JobCheckpoints {
    public var dynamoDB: DynamoDBClient
    public var table: String

    public init(dynamoDB: DynamoDBClient, table: String) {
        self.dynamoDB = dynamoDB
        self.table = table
    }

    public func uploadID(forJob jobID: String) throws(TransferError) -> String? {
        do {
            return try dynamoDB.getItem(table: table, key: key(jobID), consistentRead: true)?["uploadId"]?.stringValue
        } catch {
            throw TransferError(error, context: "reading the checkpoint of job \(jobID) from \(table)")
        }
    }

    public func record(uploadID: String, forJob jobID: String) throws(TransferError) {
        var item = key(jobID)
        item["uploadId"] = .s(uploadID)
        do {
            try dynamoDB.putItem(table: table, item: item)
        } catch {
            throw TransferError(error, context: "recording upload \(uploadID) of job \(jobID) in \(table)")
        }
    }

    public func clear(jobID: String) throws(TransferError) {
        do {
            try dynamoDB.deleteItem(table: table, key: key(jobID))
        } catch {
            throw TransferError(error, context: "clearing the checkpoint of job \(jobID) in \(table)")
        }
    }

    private func key(_ jobID: String) -> DynamoDBItem { ["pk": .s("checkpoint#\(jobID)")] }
}
