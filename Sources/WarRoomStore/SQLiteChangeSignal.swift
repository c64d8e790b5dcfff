import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// The SQLite store's change signal: inotify on the store's directory, for changes of the store
/// file, its `-wal` and `-journal` (a commit writes the `-wal`; a checkpoint writes the file; the
/// `-wal` may be created, truncated, removed; the file may be replaced by a rename), plus a
/// recheck timer, in one epoll set whose descriptor is readable when either fires.
///
/// Why the timer: a WAL commit writes its frames (the inotify event), then fsyncs, then publishes
/// the commit in the shared memory index, which no file event reports. A waiter woken by the
/// write can look before the commit is visible and see nothing new; so after each relevant event
/// the signal fires again 2, 6, 14, 30 … 2,046 ms later (gaps doubling up to the war room's 2 s
/// safety net: a commit whose fsync takes t is seen within about 2t), and `data_version`
/// (`hasExternalChanges()`) decides each time whether there is anything to read.
public final class SQLiteChangeSignal: StoreChangeSignal {
    /// The epoll set: readable when a watched file changed or a recheck is due.
    public let fileDescriptor: Int32
    private let inotify: Int32
    private let timer: Int32
    /// The names that matter in each watched directory, by watch descriptor.
    private var names: [Int32: Set<String>] = [:]
    /// The recheck that the armed timer stands for (an index into `recheckMillis`), nil when idle.
    private var recheck: Int?
    /// Why the signal can no longer fire, once it cannot.
    private var broken: StoreChangeSignalBroken?
    /// The gaps between rechecks after a file event: about the time an fsync can take, doubling
    /// (under load, fsyncs of over 250 ms were seen here).
    public static let recheckMillis = [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
    /// The gaps this signal uses.
    private let rechecks: [Int]

    /// Watches the directories of `paths` (the store's canonical path and the path as given, when
    /// they differ) for its file and its companions; `rechecks` are the gaps between rechecks
    /// after a file event (tests shorten them).
    public init(paths: [String], rechecks: [Int] = SQLiteChangeSignal.recheckMillis) throws {
        self.rechecks = rechecks.filter { $0 > 0 }
        func failure(_ what: String) -> StoreChangeSignalBroken {
            StoreChangeSignalBroken("\(what): \(String(cString: strerror(errno)))")
        }
        let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { throw failure("inotify_init1") }
        let timer = csqlite_timer_create()
        guard timer >= 0 else {
            let error = failure("timerfd_create")
            close(inotify)
            throw error
        }
        let set = csqlite_epoll_create()
        guard set >= 0, csqlite_epoll_add(set, inotify) == 0, csqlite_epoll_add(set, timer) == 0 else {
            let error = failure("epoll")
            if set >= 0 { close(set) }
            close(inotify)
            close(timer)
            throw error
        }
        self.inotify = inotify
        self.timer = timer
        fileDescriptor = set
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_ONLYDIR)
        for path in paths {
            let directory = StoreFile.directory(of: path)
            let file = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
            let watch = inotify_add_watch(inotify, directory, mask)
            guard watch >= 0 else { throw failure("watching \(directory)") } // deinit closes
            names[watch, default: []].formUnion([file, file + "-wal", file + "-journal"])
        }
    }

    deinit {
        close(fileDescriptor)
        close(inotify)
        close(timer)
    }

    public func drain() throws {
        if let broken { throw broken }
        let changed = try readFileEvents()
        var expirations: UInt64 = 0
        let timerRead = read(timer, &expirations, MemoryLayout<UInt64>.size)
        if changed {
            recheck = rechecks.isEmpty ? nil : 0
        } else if timerRead == MemoryLayout<UInt64>.size, let step = recheck {
            recheck = step + 1 < rechecks.count ? step + 1 : nil
        } else {
            return
        }
        _ = csqlite_timer_arm(timer, recheck.map { rechecks[$0] } ?? 0)
    }

    /// Reads every queued inotify event; true when one concerns the store's files (or events were
    /// lost to an overflow, which may hide one).
    private func readFileEvents() throws -> Bool {
        var changed = false
        let capacity = 4096
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = read(inotify, buffer, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return changed }
                let failure = StoreChangeSignalBroken("reading inotify events: \(String(cString: strerror(errno)))")
                broken = failure
                throw failure
            }
            if count == 0 { return changed }
            var offset = 0
            while offset + header <= count {
                let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = buffer.advanced(by: offset + header).assumingMemoryBound(to: UInt8.self)
                let nameBytes = UnsafeBufferPointer(start: nameStart, count: max(0, min(length, count - offset - header)))
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { changed = true; continue }
                if mask & UInt32(IN_IGNORED) != 0 {
                    // The directory went away (or its file system was unmounted): nothing will fire again.
                    let failure = StoreChangeSignalBroken("the store's directory is no longer watched (removed or unmounted)")
                    broken = failure
                    throw failure
                }
                if names[watch]?.contains(name) == true { changed = true }
            }
        }
    }
}

extension SQLiteEventStore {
    /// inotify on the store's directory (see `SQLiteChangeSignal`).
    public func makeChangeSignal() throws -> (any StoreChangeSignal)? {
        let paths = identity.key == path ? [path] : [identity.key, path]
        return try SQLiteChangeSignal(paths: paths)
    }
}
#else
extension SQLiteEventStore {
    /// No inotify here: the store is polled.
    public func makeChangeSignal() throws -> (any StoreChangeSignal)? { nil }
}
#endif
