import Dispatch

/// Checks batches on every core while the caller reads the next blocks of the file and merges the
/// batches already checked, in the order they were submitted. At most `limit` batches are in
/// flight, so memory stays bounded whatever the size of the inventory.
struct KeyBatchPipeline {
    /// One batch being checked: written once by its worker, then read by the caller after `done`.
    private final class Slot: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var batch: KeyBatch?
    }

    private let limit: Int
    /// In submission order; at most `limit` long.
    private var slots: [Slot] = []

    init(limit: Int) { self.limit = max(1, limit) }

    /// Starts checking a batch on a worker.
    mutating func submit(_ work: @escaping @Sendable () -> KeyBatch) {
        let slot = Slot()
        slots.append(slot)
        DispatchQueue.global(qos: .userInitiated).async {
            slot.batch = work()
            slot.done.signal()
        }
    }

    /// The oldest batch when `limit` or more are in flight (waiting for it to be checked), else nil.
    mutating func nextWhenFull() -> KeyBatch? {
        slots.count >= limit ? next() : nil
    }

    /// The oldest batch, waiting for it to be checked; nil when none is in flight.
    mutating func next() -> KeyBatch? {
        guard !slots.isEmpty else { return nil }
        let slot = slots.removeFirst()
        slot.done.wait()
        return slot.batch
    }
}
