public import AWS

extension DynamoDBScheduleCatalog {
    /// The schedule table's index on `customer`, which lists a customer's schedules without a scan.
    public static let customerIndex = "ByCustomer"

    /// Every schedule of `customer`, by id.
    public func schedules(of customer: String) throws(AWSError) -> [TransferSchedule] {
        try dynamoDB.queryAll(
            table: table, index: Self.customerIndex, keyCondition: "customer = :customer",
            attributes: ExpressionAttributes(values: [":customer": .s(customer)])
        ).compactMap(TransferSchedule.init(record:)).sorted { $0.id < $1.id }
    }
}
