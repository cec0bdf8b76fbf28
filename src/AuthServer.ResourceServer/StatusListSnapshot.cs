namespace AuthServer.ResourceServer;

/// <summary>One Status List as last fetched and verified: its statuses, and how long this copy may serve.</summary>
/// <param name="Bits">Bits per entry: 1, 2, 4 or 8.</param>
/// <param name="Statuses">The decompressed byte array.</param>
/// <param name="ConfirmedAtUtc">When AuthServer last confirmed this copy is current (a fetch, or a 304).</param>
/// <param name="TimeToLive">The list's <c>ttl</c>, within sane bounds.</param>
/// <param name="ExpiresAtUtc">The list token's <c>exp</c>, if it has one: never used past it.</param>
internal sealed record StatusListSnapshot(int Bits, byte[] Statuses, DateTime ConfirmedAtUtc, TimeSpan TimeToLive, DateTime? ExpiresAtUtc, string? ETag)
{
    public long Entries => (long)Statuses.Length * 8 / Bits;

    /// <summary>The status of <paramref name="index"/> (0 valid, 1 invalid, 2 suspended, …), from the least significant bits up (§4.1).</summary>
    public int StatusOf(int index)
    {
        var perByte = 8 / Bits;
        return (Statuses[index / perByte] >> (index % perByte * Bits)) & ((1 << Bits) - 1);
    }

    /// <summary>When it should be fetched again.</summary>
    public DateTime DueAtUtc => ConfirmedAtUtc + TimeToLive;
}
