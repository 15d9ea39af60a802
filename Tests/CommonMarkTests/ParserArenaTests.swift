@testable import CommonMark
import Testing

/// The bump allocator cmark-gfm allocates through during a parse.
@Suite("Parser arena")
struct ParserArenaTests {
    @Test("blocks follow one another, 16-byte aligned, each after a 16-byte header")
    func bumping() {
        var arena = ParserArena.State()
        defer { arena.releaseChunks() }
        let first = arena.allocate(5)
        let second = arena.allocate(40)
        #expect(Int(bitPattern: first) % 16 == 0)
        #expect(first.distance(to: second) == 16 + 16)   // 5 bytes round up to 16, then the next header
        #expect((second - 16).load(as: Int.self) == 40)
    }

    @Test("realloc of the newest block grows it in place and keeps its bytes")
    func growInPlace() {
        var arena = ParserArena.State()
        defer { arena.releaseChunks() }
        let block = arena.allocate(4)
        block.copyMemory(from: [UInt8]([1, 2, 3, 4]), byteCount: 4)
        let grown = arena.reallocate(block, 100)
        #expect(grown == block)
        #expect(Array(UnsafeBufferPointer(start: grown.assumingMemoryBound(to: UInt8.self), count: 4)) == [1, 2, 3, 4])
        #expect(arena.allocate(1) == block + 112 + 16)
    }

    @Test("realloc of an older block moves it and copies its bytes")
    func growByMoving() {
        var arena = ParserArena.State()
        defer { arena.releaseChunks() }
        let old = arena.allocate(3)
        old.copyMemory(from: [UInt8]([7, 8, 9]), byteCount: 3)
        _ = arena.allocate(8)
        let moved = arena.reallocate(old, 64)
        #expect(moved != old)
        #expect(Array(UnsafeBufferPointer(start: moved.assumingMemoryBound(to: UInt8.self), count: 3)) == [7, 8, 9])
    }

    @Test("free gives back the newest block only")
    func freeing() {
        var arena = ParserArena.State()
        defer { arena.releaseChunks() }
        let first = arena.allocate(32)
        let second = arena.allocate(32)
        arena.free(first)
        #expect(arena.allocate(32) == second + 48)
        let third = arena.allocate(32)
        arena.free(third)
        #expect(arena.allocate(32) == third)
    }

    @Test("a block larger than a chunk gets a chunk of its own; reset keeps the first chunk, gives back what exceeds 2 MB")
    func largeBlocksAndReset() {
        var arena = ParserArena.State()
        defer { arena.releaseChunks() }
        let small = arena.allocate(10)
        let large = arena.allocate(3 << 20)
        (large + (3 << 20) - 1).storeBytes(of: 0xAB, as: UInt8.self)
        #expect(arena.chunks.count == 2)
        #expect(arena.chunks[1].capacity >= (3 << 20) + 16)
        arena.reset()
        #expect(arena.chunks.count == 1)
        #expect(arena.allocate(10) == small)
    }
}
