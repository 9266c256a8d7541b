import Foundation

/// Maps an array on every core, keeping the order: reading thousands of content files is
/// independent work per file.
public enum ConcurrentMap {
    public static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard elements.count > 1 else { return elements.map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot, so the buffer is never shared between writers.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots[index] = transform(elements[index])
        }
        return results.map { $0! }
    }
}
