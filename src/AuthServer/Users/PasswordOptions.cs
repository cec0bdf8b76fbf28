using System.ComponentModel.DataAnnotations;

namespace AuthServer.Users;

/// <summary>The password policy and hashing cost, bound from <c>Auth:Password</c>.</summary>
public sealed class PasswordOptions
{
    public const string SectionName = "Auth:Password";

    /// <summary>Fewest characters (Unicode code points) a password may have. Default 15 (NIST SP 800-63B-4, single-factor).</summary>
    [Range(8, 128)]
    public int MinLength { get; init; } = 15;

    /// <summary>Most characters accepted; at least 128 so that passphrases and password managers are never cut short. Default 256.</summary>
    [Range(128, 4096)]
    public int MaxLength { get; init; } = 256;

    /// <summary>BCrypt work factor (log2 of the rounds). Default 12; below 10 only for tests.</summary>
    [Range(4, 31)]
    public int WorkFactor { get; init; } = 12;

    /// <summary>
    /// How many password hashes may run at once. Default: half the processor count, at least 1, so that a login flood
    /// leaves the other cores to token checks and refreshes (bench/README.md measures it). 1 to 1024.
    /// </summary>
    [Range(1, 1024)]
    public int? MaxConcurrentHashes { get; init; }

    /// <summary>
    /// How many logins, registrations and password changes may wait for a hashing slot; any further one is answered at
    /// once with 503 <c>temporarily_unavailable</c>. Default: 32 per slot (<see cref="ConcurrentHashes"/>), about 8 s of
    /// work at the default work factor on one core. 0 to 100 000.
    /// </summary>
    [Range(0, 100_000)]
    public int? MaxQueuedHashes { get; init; }

    /// <summary><see cref="MaxConcurrentHashes"/>, or its default: half the processor count, at least 1.</summary>
    public int ConcurrentHashes => MaxConcurrentHashes ?? Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary><see cref="MaxQueuedHashes"/>, or its default: 32 per slot.</summary>
    public int QueuedHashes => MaxQueuedHashes ?? 32 * ConcurrentHashes;
}
