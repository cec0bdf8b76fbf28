using System.Buffers.Text;
using System.IO.Compression;

namespace AuthServer.StatusLists;

/// <summary>
/// The <c>lst</c> of a Status List (draft-ietf-oauth-status-list-20 §4.1, §4.2): the byte array, entry i at bit
/// i mod 8 of byte i div 8 counted from the least significant bit, compressed with DEFLATE in the ZLIB format at the
/// highest level, then base64url without padding.
/// </summary>
public static class StatusListEncoding
{
    public static void Set(byte[] bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    public static bool IsSet(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    public static string Encode(ReadOnlySpan<byte> bits)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(bits);
        }

        return Base64Url.EncodeToString(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }
}
