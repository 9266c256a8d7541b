import HandbookContent

extension SitePlan {
    /// Puts `page`, an edited version of an ordinary page (or of the home page's introduction) of this
    /// plan, in place of the old one: what an edit of one page needs, without planning 10,000 pages
    /// again. False, changing nothing, when the edit changes more than the page itself (its title,
    /// summary, weight or draft state, which the navigation shows): then the site must be planned again.
    mutating func replace(_ page: HandbookPage) -> Bool {
        guard let url = sourceURLs[page.sourcePath], let index = position(of: url) else { return false }
        switch pages[index].kind {
        case .page(let before):
            guard before.title == page.title, before.summary == page.summary, before.weight == page.weight,
                before.draft == page.draft, before.isIndex == page.isIndex, before.section == page.section
            else { return false }
            pages[index].kind = .page(page)
        case .home(let introduction):
            guard let introduction, introduction.sourcePath == page.sourcePath, introduction.draft == page.draft else {
                return false
            }
            pages[index].kind = .home(introduction: page)
        default:
            return false
        }
        pages[index].body = page.body
        pages[index].bodyStartLine = page.bodyStartLine
        return true
    }

    /// Puts `policy`, an edited version of a policy of this plan, in place of the old one. False,
    /// changing nothing, when the edit changes what the navigation or other pages show of it (its
    /// title, summary, section or draft state): then the site must be planned again.
    mutating func replace(_ policy: Policy) -> Bool {
        guard let url = sourceURLs[policy.sourcePath], let index = position(of: url),
            case .policy(let before) = pages[index].kind, before.id == policy.id, before.title == policy.title,
            before.summary == policy.summary, before.section == policy.section, before.draft == policy.draft
        else { return false }
        pages[index].kind = .policy(policy)
        pages[index].body = policy.body
        pages[index].bodyStartLine = policy.bodyStartLine
        policiesByID[policy.id] = policy
        policiesByURL[url] = policy
        return true
    }

    /// Puts `quiz`, an edited version of a quiz of this plan, in place of the old one. False, changing
    /// nothing, when the edit changes what the navigation or the policies it covers show of it (its
    /// title, the policies it covers, its draft state): then the site must be planned again.
    mutating func replace(_ quiz: Quiz, root: String) -> Bool {
        guard let url = sourceURLs[quiz.sourcePath], let index = position(of: url),
            case .quiz(let before) = pages[index].kind, before.id == quiz.id, before.title == quiz.title,
            before.policies == quiz.policies, before.draft == quiz.draft
        else { return false }
        pages[index].kind = .quiz(quiz)
        pages[index].body = quiz.introduction
        pages[index].bodyStartLine = Self.introductionLine(of: quiz, root: root)
        for policyID in quiz.policies {
            guard let position = quizzesByPolicy[policyID]?.firstIndex(where: { $0.id == quiz.id }) else { continue }
            quizzesByPolicy[policyID]?[position] = quiz
        }
        return true
    }

    /// Where the page at `url` is in ``pages`` (sorted by URL): found without walking them all.
    func position(of url: String) -> Int? {
        var low = 0
        var high = pages.count
        while low < high {
            let middle = (low + high) / 2
            if pages[middle].url < url { low = middle + 1 } else { high = middle }
        }
        return low < pages.count && pages[low].url == url ? low : nil
    }
}
