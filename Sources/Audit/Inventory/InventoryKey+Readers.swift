extension InventoryKey {
    /// Whether `access[index]` names a person already listed before it. Emails are lowercased when a
    /// key is made (by the readers and by the initializer), so `Ada@example.com` and
    /// `ada@example.com` are the same person. Compares in place: access
    /// lists are short, and the checks call this for every key.
    public func isRepeatedReader(at index: Int) -> Bool {
        let person = access[index]
        for earlier in access[..<index] where earlier == person { return true }
        return false
    }

    /// How many different people can read the key (`access` without repeats).
    public var readerCount: Int {
        var count = 0
        for index in access.indices where !isRepeatedReader(at: index) { count += 1 }
        return count
    }
}
