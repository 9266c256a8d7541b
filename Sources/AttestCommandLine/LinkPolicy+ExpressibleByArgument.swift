import ArgumentParser
import HandbookContent

extension HandbookConfig.LinkPolicy: ExpressibleByArgument {}
