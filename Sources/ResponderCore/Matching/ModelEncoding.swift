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
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True when every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    mutating func read<Value: FixedWidthInteger>(_: Value.Type = Value.self) throws(Corrupt) -> Value {
        let size = MemoryLayout<Value>.size
        guard offset + size <= bytes.count else { throw Corrupt() }
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
        guard offset + count <= bytes.count else { throw Corrupt() }
        let string = String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
        offset += count
        return string
    }

    mutating func readArray<Element: BitwiseCopyable>(of _: Element.Type) throws(Corrupt) -> [Element] {
        let count = try read(UInt64.self)
        let stride = MemoryLayout<Element>.stride
        guard count <= UInt64(bytes.count - offset) / UInt64(Swift.max(stride, 1)) else { throw Corrupt() }
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
