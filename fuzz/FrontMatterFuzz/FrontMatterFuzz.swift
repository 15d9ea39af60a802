// libFuzzer target: source decoding and the front-matter reader (Yams) on arbitrary bytes.
//
// Built by scripts/fuzz.sh with `-sanitize=fuzzer,address -DFUZZING`: `main` starts libFuzzer.
// A plain `swift build` gives a reproducer: `FrontMatterFuzz FILE...` runs each file once.
import AdvisoryExtraction
import Foundation

func fuzzOne(_ bytes: [UInt8]) {
    let source = SourceText(bytes: bytes, path: "fuzz.md")
    let split = FrontMatterReader.split(source.text, path: "fuzz.md")
    // Invariants: the body is a suffix of the text and field lines are inside the file.
    precondition(source.text.hasSuffix(split.body), "body is not a suffix of the text")
    let lineCount = source.text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for field in split.frontMatter.fields {
        precondition(field.line >= 1 && field.line <= lineCount, "field line \(field.line) outside 1...\(lineCount)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif

@main
struct Main {
    static func main() {
        #if FUZZING
        // SwiftPM links executables with their own entry point, so libFuzzer is started here.
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) })
        #else
        // Reproducer: runs each file named on the command line once.
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            fuzzOne([UInt8](data))
            print("ok \(path)")
        }
        #endif
    }
}
