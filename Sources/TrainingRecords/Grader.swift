import HandbookContent

/// Grades a submission against the quiz it was taken from, on the server.
public enum Grader {
    /// Grades `answers` (question id "1"… → selected option ids). Every question must be answered;
    /// a multiple-choice question counts only when exactly the correct set is selected.
    public static func grade(quiz: Quiz, answers: [String: [String]]) throws(GradingError) -> GradeResult {
        let byID = Dictionary(uniqueKeysWithValues: quiz.questions.map { (String($0.id), $0) })
        for key in answers.keys.sorted() where byID[key] == nil { throw .unknownQuestion(key) }
        var results: [GradeResult.QuestionResult] = []
        var normalized: [String: [String]] = [:]
        for question in quiz.questions {
            let selected = Array(Set(answers[String(question.id)] ?? [])).sorted()
            if selected.isEmpty { throw .missingAnswer(question: question.id) }
            let optionIDs = Set(question.options.map(\.id))
            for option in selected where !optionIDs.contains(option) {
                throw .unknownOption(question: question.id, option: option)
            }
            if !question.isMultipleChoice, selected.count > 1 {
                throw .severalAnswersForSingleChoice(question: question.id)
            }
            let correct = Set(selected) == question.correctOptionIDs
            results.append(.init(questionID: question.id, selected: selected, correct: correct))
            normalized[String(question.id)] = selected
        }
        let right = results.filter(\.correct).count
        let score = quiz.questions.isEmpty ? 0 : right * 100 / quiz.questions.count
        return GradeResult(
            questions: results, scorePercent: score, passed: score >= quiz.passPercent, answers: normalized)
    }
}
