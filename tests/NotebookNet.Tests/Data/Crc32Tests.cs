using NotebookNet.Data;

namespace NotebookNet.Tests.Data;

/// <summary>The CRC-32 gzip and PNG use: the catalogue check value, and slicing by eight equals the bytewise definition.</summary>
public class Crc32Tests
{
    [Fact]
    public void Matches_the_standard_check_value()
    {
        // The catalogue check value of CRC-32/ISO-HDLC for "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Any_length_and_any_split_gives_the_bytewise_crc()
    {
        var random = new Random(7);
        for (int length = 0; length < 70; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            uint expected = Bytewise(data);
            Assert.Equal(expected, Crc32.Compute(data));
            for (int split = 0; split <= length; split += 3)
            {
                var crc = new Crc32();
                crc.Append(data.AsSpan(0, split));
                crc.Append(data.AsSpan(split));
                Assert.Equal(expected, crc.GetCurrentHashAsUInt32());
            }
        }
    }

    // The definition, one bit at a time.
    private static uint Bytewise(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
