using System.Text;

namespace NotebookNet.Onnx;

/// <summary>
/// The two pieces of the protocol-buffers wire format that an ONNX file needs: varint and length-delimited fields. Written by hand so the library keeps MathNet.Numerics as its only dependency; a nested
/// message is written into its own <see cref="ProtoWriter"/> and added whole with <see cref="Message"/>.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, LengthDelimited = 2;
    private readonly MemoryStream _bytes = new();

    /// <summary>An int64/int32/enum field (negative values take ten bytes, as the format requires).</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>One element per field occurrence (unpacked), which every protobuf reader accepts for repeated numbers.</summary>
    public ProtoWriter Ints(int field, IEnumerable<long> values)
    {
        foreach (long value in values) Int(field, value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) =>
        Bytes(field, message._bytes.GetBuffer().AsSpan(0, (int)message._bytes.Length));

    public byte[] ToArray() => _bytes.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.WriteByte((byte)value);
    }
}
