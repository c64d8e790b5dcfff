#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension UUID {
    /// The id of item `index` of a series that starts from this id: byte 11 XORed with `marker`
    /// (which series) and the last four bytes with the index. The same in every process, so a
    /// retried write of the series is recognised; a random first id makes clashes as unlikely
    /// as between any two UUIDs. Index 0 with marker 0 is the id itself.
    public func derived(_ index: Int, marker: UInt8 = 0) -> UUID {
        var bytes = uuid
        bytes.11 ^= marker
        let n = UInt32(truncatingIfNeeded: index)
        bytes.12 ^= UInt8(truncatingIfNeeded: n >> 24)
        bytes.13 ^= UInt8(truncatingIfNeeded: n >> 16)
        bytes.14 ^= UInt8(truncatingIfNeeded: n >> 8)
        bytes.15 ^= UInt8(truncatingIfNeeded: n)
        return UUID(uuid: bytes)
    }
}
