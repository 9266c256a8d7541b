import Dispatch

/// Computes values on every core, returned in index order: each index is computed once, by one
/// worker, into its own slot.
enum ParallelMap {
    /// `transform(0..<count)`, computed concurrently.
    static func map<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, transform(index))
        }
        return slots.values
    }

    /// Results, each written once by its own worker before `concurrentPerform` returns.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>

        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }

        func set(_ index: Int, _ value: T) { storage[index] = value }

        var values: [T] { storage.compactMap { $0 } }
    }
}
