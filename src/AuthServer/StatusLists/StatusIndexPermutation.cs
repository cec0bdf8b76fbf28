using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AuthServer.StatusLists;

/// <summary>
/// Spreads the entries of a list over it in an order only the server knows, so that an index tells nobody how many
/// sessions began before it (draft-ietf-oauth-status-list-20 §12.5 recommends non-sequential indices). A keyed
/// permutation, not a random draw: the n-th entry of a list gets a distinct index by construction, never one given
/// before. A four-round Feistel network on 18 bits, walked until the result fits the list's 17 bits.
/// </summary>
public sealed class StatusIndexPermutation
{
    private const int HalfBits = 9;
    private const int HalfMask = (1 << HalfBits) - 1;
    private const int Rounds = 4;

    private byte[]? _key;

    /// <summary>The index of the <paramref name="position"/>-th entry given out in <paramref name="list"/>.</summary>
    public int IndexOf(int list, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, StatusListLayout.EntriesPerList);
        var key = Volatile.Read(ref _key) ?? throw new InvalidOperationException("The status-list key is not loaded yet.");
        var value = position;
        do
        {
            value = Encrypt(key, list, value);
        }
        while (value >= StatusListLayout.EntriesPerList);

        return value;
    }

    internal void UseKey(byte[] key) => Volatile.Write(ref _key, key);

    private static int Encrypt(byte[] key, int list, int value)
    {
        var left = value >> HalfBits;
        var right = value & HalfMask;
        Span<byte> input = stackalloc byte[9];
        Span<byte> output = stackalloc byte[32];
        for (var round = 0; round < Rounds; round++)
        {
            BinaryPrimitives.WriteInt32BigEndian(input, list);
            input[4] = (byte)round;
            BinaryPrimitives.WriteInt32BigEndian(input[5..], right);
            HMACSHA256.HashData(key, input, output);
            (left, right) = (right, left ^ (BinaryPrimitives.ReadInt32BigEndian(output) & HalfMask));
        }

        return (left << HalfBits) | right;
    }
}
