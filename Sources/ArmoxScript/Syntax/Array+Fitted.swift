extension Array {
    /// The same elements in a buffer of their own size. Appending grows a
    /// buffer by doubling, which leaves up to half of it unused, and the
    /// syntax tree keeps every list and interpolated string it reads for as
    /// long as the program lives: those are copied to fit once read.
    func fitted() -> [Element] {
        guard capacity > count else { return self }
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        return copy
    }
}
