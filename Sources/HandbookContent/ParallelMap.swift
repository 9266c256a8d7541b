import Foundation

/// Maps a collection on every core and returns the results in the collection's order: the one way
/// Attest spreads independent work (reading content files, rendering pages, rendering a report's
/// findings). The elements are cut into a few chunks per core; each result is written once, by the
/// worker that computed it, into its own slot.
///
/// Synchronous, so that plain functions and async ones call the same map: the calling thread takes
/// part in the work, and the map waits on nothing but the work itself (no other task), so calling
/// it from an async function cannot deadlock.
public enum ParallelMap {
    /// `transform` of every element of `elements`, in order. `progress`, when given, is called after
    /// each chunk with the number of elements done so far (increasing) and the total, one call at a time.
    public static func map<Elements: RandomAccessCollection & Sendable, Result: Sendable>(
        _ elements: Elements, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        _ transform: @Sendable (Elements.Element) -> Result
    ) -> [Result] {
        let count = elements.count
        guard count > 1 else {
            let results = elements.map(transform)
            if count > 0 { progress?(count, count) }
            return results
        }
        let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let chunkSize = max(1, (count + cores * 8 - 1) / (cores * 8))
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let results = UnsafeMutableBufferPointer<Result>.allocate(capacity: count)
        defer { results.deallocate() }
        // Each chunk initializes only its own slots, so the buffer is never shared between writers.
        nonisolated(unsafe) let slots = results
        let tally = progress.map { ProgressTally(total: count, report: $0) }
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = chunk * chunkSize, end = min(start + chunkSize, count)
            var index = elements.index(elements.startIndex, offsetBy: start)
            for slot in start..<end {
                (slots.baseAddress! + slot).initialize(to: transform(elements[index]))
                elements.formIndex(after: &index)
            }
            tally?.add(end - start)
        }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: results.baseAddress!, count: count)
            initialized = count
        }
    }

    /// Counts finished elements and reports them, one report at a time.
    private final class ProgressTally: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0
        private let total: Int
        private let report: @Sendable (Int, Int) -> Void

        init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
            self.total = total
            self.report = report
        }

        func add(_ count: Int) {
            lock.lock()
            defer { lock.unlock() }
            done += count
            report(done, total)
        }
    }
}
