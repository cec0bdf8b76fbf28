using System.Buffers.Text;
using System.Security.Cryptography;

namespace AuthServer.Data;

/// <summary>The key-encryption key of <c>Auth:KeyEncryption:Key</c>: 256 bits, and an id that names it without revealing it.</summary>
internal sealed class KeyEncryptionKey
{
    public const int Size = 32;

    private KeyEncryptionKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Base64Url.EncodeToString(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    public byte[] Bytes { get; }

    public string Id { get; }

    /// <summary>The key in <paramref name="base64"/>, or null unless it is exactly 32 bytes of base64.</summary>
    public static KeyEncryptionKey? Parse(string base64)
    {
        var buffer = new byte[Size + 3];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == Size ? new KeyEncryptionKey(buffer[..Size]) : null;
    }
}
