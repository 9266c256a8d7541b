import Foundation

/// Maps work over every core, in chunks, keeping the input's order.
enum ParallelWork {
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        _ transform: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let chunkSize = max(1, (items.count + cores * 8 - 1) / (cores * 8))
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let end = min(start + chunkSize, items.count)
                group.addTask { (start, items[start..<end].map(transform)) }
            }
            var chunks: [(Int, [Result])] = []
            var done = 0
            for await chunk in group {
                chunks.append(chunk)
                done += chunk.1.count
                progress?(done, items.count)
            }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
