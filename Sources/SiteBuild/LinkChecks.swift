import AdvisoryModel
import CommonMark
import XMLValidation

/// Shape checks for link destinations, without the network.
enum LinkShape {
    /// Why `url` looks broken, or nil.
    static func problem(_ url: String) -> String? {
        if url.unicodeScalars.allSatisfy(ScalarClass.isSpace) { return "empty destination" }
        if url.containsByte(UInt8(ascii: "\\")) { return "backslash inside the URL" }
        if !url.isAllASCII, url.unicodeScalars.contains(where: CJK.isWide) { return "CJK text inside the URL" }
        if let authority = URLSafety.httpAuthority(of: url) {
            if authority.host.isEmpty { return "no host" }
            if !authority.host.containsByte(UInt8(ascii: ".")) { return "host '\(authority.host.lowercased())' has no dot" }
        }
        return nil
    }
}
