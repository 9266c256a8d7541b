import HandbookContent

/// The order in which the built quiz page lists a question's options: as in the source, or for a quiz
/// with `shuffle: true` a shuffle seeded by the quiz and question ids, so that every build is the same.
/// `attest serve` shows them in a new order for every attempt (see ``QuizFormMarkup``); option ids
/// never change.
enum QuizOptionOrder {
    static func options(of question: QuizQuestion, quizID: String, shuffle: Bool) -> [QuizOption] {
        guard shuffle, question.options.count > 1 else { return question.options }
        var generator = SplitMix64(seed: fnv1a("\(quizID)#\(question.id)"))
        var options = question.options
        for i in stride(from: options.count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            options.swapAt(i, j)
        }
        return options
    }

    /// FNV-1a, 64 bit: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A small, stable pseudo-random sequence.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state = state &+ 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }
}
