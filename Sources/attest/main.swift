import AttestCommandLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(await Attest.run(arguments: Array(CommandLine.arguments.dropFirst())))
