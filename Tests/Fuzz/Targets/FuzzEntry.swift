import Foundation

/// libFuzzer's entry point. One binary holds every target; `FUZZ_TARGET` (policy, quiz, roster,
/// inventory, credential-report, csv) picks the one to run. Each target only reads: it must never
/// crash, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTarget.selected.run(bytes)
    return 0
}
