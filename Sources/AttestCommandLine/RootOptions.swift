import ArgumentParser

/// `--root DIR`, taken by every command: the folder holding content/, templates/ and site/.
struct RootOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The handbook's root folder.", valueName: "DIR"))
    var root: String = "."
}
