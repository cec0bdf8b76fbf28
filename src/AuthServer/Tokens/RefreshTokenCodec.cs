using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AuthServer.Tokens;

/// <summary>Makes refresh tokens, hashes them for storage and derives each token's successor.</summary>
public sealed class RefreshTokenCodec
{
    /// <summary>Longer than any token this server issues (43 characters); longer input is refused unhashed.</summary>
    public const int MaxTokenLength = 128;

    private byte[]? _successorKey;

    /// <summary>256 bits from the CSPRNG, base64url: too much entropy to guess, so a fast hash suffices at rest.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// The successor of <paramref name="token"/>: HMAC-SHA256 under a server secret. It is as unpredictable
    /// as a fresh token, yet a repeat of the same refresh recomputes the same successor without the server
    /// ever storing a token in clear, so two racing requests end on one chain.
    /// </summary>
    public string Successor(string token)
    {
        var key = Volatile.Read(ref _successorKey) ?? throw new InvalidOperationException("The successor key is not loaded yet.");
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token)));
    }

    internal void UseSuccessorKey(byte[] key) => Volatile.Write(ref _successorKey, key);
}
