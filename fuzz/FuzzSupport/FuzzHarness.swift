// The libFuzzer entry points the fuzz targets share.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`: `FuzzHarness.run` starts
// libFuzzer. A plain `swift build` gives a reproducer: `TARGET FILE...` runs each file once.
import Foundation

/// The input function of the running target (one per process).
nonisolated(unsafe) private var fuzzBody: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzBody?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif

public enum FuzzHarness {
    /// Runs `body` under libFuzzer (a `-DFUZZING` build), or once on each file named on the
    /// command line (a plain build: the reproducer).
    public static func run(_ body: @escaping ([UInt8]) -> Void) -> Never {
        fuzzBody = body
        #if FUZZING
        // SwiftPM links executables with their own entry point, so libFuzzer is started here.
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            body([UInt8](data))
            print("ok \(path)")
        }
        exit(0)
        #endif
    }
}
