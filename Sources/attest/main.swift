import AttestCommandLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Parsed before any task runs: `serve --threads` sizes the threads that tasks run on.
let invocation = AttestInvocation(arguments: Array(CommandLine.arguments.dropFirst()))
ConcurrencyRuntime.start(threads: invocation.eventLoopThreads)
exit(await invocation.run())
