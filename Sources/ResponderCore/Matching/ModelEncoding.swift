/// Writes a trained model as bytes: little-endian fixed-width values and arrays of plain structs.
/// The bytes are only ever read back by the same build on the same kind of machine (the cache
/// key names the engine and format version), so the layout is the in-memory one.
struct ModelWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: Float) { write(value.bitPattern) }

    mutating func write(_ string: String) {
        let utf8 = Array(string.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// An array of a trivial type: its count, then its memory.
    mutating func write<Element: BitwiseCopyable>(array: [Element]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}

/// Reads what `ModelWriter` wrote; every read checks that the bytes are there.
struct ModelReader {
    /// The bytes ran out, or a value is impossible: the model is corrupt.
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private let end: Int
    private var offset = 0

    /// A reader of the first `count` bytes of `bytes` (all of them when nil).
    init(_ bytes: [UInt8], count: Int? = nil) {
        self.bytes = bytes
        self.end = Swift.min(count ?? bytes.count, bytes.count)
    }

    /// True when every byte has been read.
    var isAtEnd: Bool { offset == end }

    mutating func read<Value: FixedWidthInteger>(_: Value.Type = Value.self) throws(Corrupt) -> Value {
        let size = MemoryLayout<Value>.size
        guard offset + size <= end else { throw Corrupt() }
        var value = Value.zero
        withUnsafeMutableBytes(of: &value) { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + size)]))
            }
        }
        offset += size
        return Value(littleEndian: value)
    }

    mutating func readDouble() throws(Corrupt) -> Double { Double(bitPattern: try read(UInt64.self)) }

    mutating func readFloat() throws(Corrupt) -> Float { Float(bitPattern: try read(UInt32.self)) }

    mutating func readString() throws(Corrupt) -> String {
        let count = Int(try read(UInt32.self))
        guard offset + count <= end else { throw Corrupt() }
        let string = String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
        offset += count
        return string
    }

    mutating func readArray<Element: BitwiseCopyable>(of _: Element.Type) throws(Corrupt) -> [Element] {
        let count = try read(UInt64.self)
        let stride = MemoryLayout<Element>.stride
        guard count <= UInt64(end - offset) / UInt64(Swift.max(stride, 1)) else { throw Corrupt() }
        let length = Int(count) * stride
        let start = offset
        let array = [Element](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<(start + length)]))
            }
            initialized = Int(count)
        }
        offset += length
        return array
    }
}

/// A fast 64-bit checksum of bytes, eight at a time: it catches damage, not tampering.
func modelChecksum(_ bytes: [UInt8], count: Int) -> UInt64 {
    bytes.withUnsafeBytes { raw in
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        while offset < count {
            hash = (hash ^ UInt64(raw[offset])) &* 0xC4CE_B9FE_1A85_EC53
            offset += 1
        }
        return hash ^ (hash >> 29)
    }
}
