import Mustache

extension MustacheTemplate.Error {
    /// What went wrong, in words, for a `path:line:column: error:` diagnostic.
    var message: String {
        switch self {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case .unfinishedName: "a tag is not finished (a '{{' without its '}}')"
        case .expectedSectionEnd: "a section is never closed (a '{{#name}}' or '{{^name}}' without '{{/name}}')"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "only '{{$block}}' sections may appear inside a partial's inheritance"
        case .textInsideInheritSection: "text appears inside a partial's inheritance, outside any '{{$block}}'"
        case .invalidConfigVariableSyntax: "a configuration tag is malformed"
        case .unrecognisedConfigVariable: "unknown configuration variable"
        @unknown default: "the template does not parse (\(self))"
        }
    }
}
