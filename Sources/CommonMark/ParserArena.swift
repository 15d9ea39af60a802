import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory cmark-gfm allocates during one parse: a bump allocator of the parsing thread,
/// emptied at once when the parse's tree has been converted.
///
/// cmark-gfm allocates every node, buffer and cached literal through the `cmark_mem` it is
/// given. Through glibc's `malloc` (shared with every other allocation of the build) those
/// calls and the frees of the tree cost more than cmark-gfm's parsing itself; here an
/// allocation is a pointer bump, `free` gives back only the newest block, and `realloc` of the
/// newest block grows it in place. `cmark_mem`'s functions carry no context, so each thread
/// finds its arena through a thread-specific key.
enum ParserArena {
    /// Runs `body` with the allocator to give cmark-gfm and whether it is the arena (then
    /// everything allocated through it is let go at once afterwards). A parse started inside
    /// another on the same thread gets the system allocator.
    static func withAllocator<Result>(_ body: (UnsafeMutablePointer<cmark_mem>, _ isArena: Bool) -> Result) -> Result {
        let state = threadState()
        guard !state.pointee.inUse else { return body(cmark_get_default_mem_allocator(), false) }
        state.pointee.inUse = true
        defer {
            state.pointee.reset()
            state.pointee.inUse = false
        }
        return body(allocator, true)
    }

    /// The allocator given to cmark-gfm: its functions use the calling thread's arena.
    nonisolated(unsafe) private static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            calloc: { count, size in
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { fatalError("cmark-gfm asked for \(count) × \(size) bytes") }
                let block = ParserArena.threadState().pointee.allocate(Int(bytes))
                memset(block, 0, Int(bytes))
                return block
            },
            realloc: { pointer, size in
                ParserArena.threadState().pointee.reallocate(pointer, Int(size))
            },
            free: { pointer in
                ParserArena.threadState().pointee.free(pointer)
            }
        ))
        return memory
    }()

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { raw in
            guard let raw else { return }
            let state = raw.assumingMemoryBound(to: State.self)
            state.pointee.releaseChunks()
            state.deinitialize(count: 1)
            state.deallocate()
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    private static func threadState() -> UnsafeMutablePointer<State> {
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: State.self) }
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State())
        pthread_setspecific(key, state)
        return state
    }

    /// One thread's arena: chunks used in order, each block preceded by a 16-byte header holding its size.
    struct State {
        static let headerSize = 16
        static let chunkSize = 1 << 20
        /// Chunks kept for the next parse; a larger document's extra chunks are given back.
        static let keptBytes = 2 << 20

        var chunks: [(base: UnsafeMutableRawPointer, capacity: Int)] = []
        var current = -1
        var top: UnsafeMutableRawPointer?
        var end: UnsafeMutableRawPointer?
        /// The newest block, which `free` and `realloc` may change in place.
        var newest: UnsafeMutableRawPointer?
        var inUse = false

        static func rounded(_ bytes: Int) -> Int { (bytes + 15) & ~15 }

        mutating func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
            let needed = Self.headerSize + Self.rounded(bytes)
            if top == nil || end! - top! < needed { nextChunk(holding: needed) }
            let header = top!
            header.storeBytes(of: bytes, as: Int.self)
            let block = header + Self.headerSize
            top = header + needed
            newest = block
            return block
        }

        mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ bytes: Int) -> UnsafeMutableRawPointer {
            guard let pointer else { return allocate(bytes) }
            let header = pointer - Self.headerSize
            let old = header.load(as: Int.self)
            if pointer == newest, end! - pointer >= Self.rounded(bytes) {
                header.storeBytes(of: bytes, as: Int.self)
                top = pointer + Self.rounded(bytes)
                return pointer
            }
            let moved = allocate(bytes)
            moved.copyMemory(from: pointer, byteCount: min(old, bytes))
            return moved
        }

        mutating func free(_ pointer: UnsafeMutableRawPointer?) {
            guard let pointer, pointer == newest else { return }
            top = pointer - Self.headerSize
            newest = nil
        }

        /// Moves to the next chunk large enough for `needed` bytes, making one when there is none.
        private mutating func nextChunk(holding needed: Int) {
            let next = current + 1
            if next >= chunks.count || chunks[next].capacity < needed {
                let capacity = max(Self.chunkSize, needed)
                chunks.insert((UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16), capacity), at: next)
            }
            current = next
            top = chunks[next].base
            end = chunks[next].base + chunks[next].capacity
            newest = nil
        }

        /// Forgets every block; keeps the first chunks up to `keptBytes` for the next parse.
        mutating func reset() {
            var kept = 0
            var index = 0
            while index < chunks.count {
                if kept + chunks[index].capacity > Self.keptBytes, index > 0 {
                    chunks[index].base.deallocate()
                    chunks.remove(at: index)
                } else {
                    kept += chunks[index].capacity
                    index += 1
                }
            }
            current = -1
            top = nil
            end = nil
            newest = nil
        }

        func releaseChunks() {
            for chunk in chunks { chunk.base.deallocate() }
        }
    }
}
