using System.Buffers.Binary;

namespace PluginBot.Plugins.Costs.Tests.Charts;

/// <summary>Reads what a test needs from a PNG: its signature and the size in its IHDR chunk.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(Signature), "not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
