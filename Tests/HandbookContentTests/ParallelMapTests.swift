import Foundation
import HandbookContent
import Testing

@Suite struct ParallelMapTests {
    /// Counts progress reports, for checking them after the map.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [(done: Int, total: Int)] = []
        func add(_ done: Int, _ total: Int) { lock.withLock { reports.append((done, total)) } }
        var all: [(done: Int, total: Int)] { lock.withLock { reports } }
    }

    @Test(arguments: [0, 1, 2, 7, 1000])
    func resultsComeInOrderWithProgressUpToTheTotal(count: Int) {
        let reports = Reports()
        let results = ParallelMap.map(Array(0..<count), progress: { reports.add($0, $1) }) { $0 * $0 }
        #expect(results == (0..<count).map { $0 * $0 })
        let all = reports.all
        #expect(all.map(\.done) == all.map(\.done).sorted())
        #expect(all.allSatisfy { $0.total == count })
        #expect(all.last?.done == (count == 0 ? nil : count))
    }

    @Test func mapsRangesAndSlicesFromAsyncCode() async {
        let values = Array(100..<200)
        async let fromSlice = ParallelMap.map(values[10..<20]) { $0 + 1 }
        let fromRange = ParallelMap.map(0..<5) { String($0) }
        #expect(await fromSlice == Array(111..<121))
        #expect(fromRange == ["0", "1", "2", "3", "4"])
    }
}
