/// `try x.unwrap()` in fixtures, where a nil is a broken test setup.
extension Optional {
    public func unwrap() throws -> Wrapped {
        guard let self else { throw Shell.Failure(description: "unexpected nil") }
        return self
    }
}
