#if canImport(Glibc)
    import Glibc
#endif

/// Memory left over from loading a dataset.
enum LoadMemory {
    /// Hands the heap pages freed since start-up back to the kernel. Loading parses every CSV
    /// row (about 35,000 sites) and builds the indexes: tens of MiB of temporaries that glibc
    /// keeps mapped after they are freed, so the resident size stayed at the load's peak for
    /// the process's whole life. Called once, after the first load, before serving.
    static func releaseFreedPages() {
        #if canImport(Glibc)
            // glibc's `malloc_trim` (malloc.h is not in Swift's Glibc module): looked up by name,
            // so a libc without it is simply skipped.
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(nil, "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
