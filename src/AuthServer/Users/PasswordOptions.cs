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

    /// <summary>How many password hashes may run at once; further logins wait. Default: the processor count.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentHashes { get; init; } = Environment.ProcessorCount;
}
