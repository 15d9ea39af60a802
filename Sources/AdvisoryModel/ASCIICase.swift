extension UInt8 {
    /// An ASCII capital as its small letter; every other byte (UTF-8 lead and continuation bytes
    /// included) as it is.
    @inline(__always)
    public var lowercasedASCII: UInt8 {
        self >= 0x41 && self <= 0x5A ? self | 0x20 : self
    }
}
