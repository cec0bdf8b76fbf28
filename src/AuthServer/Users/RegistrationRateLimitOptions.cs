using System.ComponentModel.DataAnnotations;

namespace AuthServer.Users;

/// <summary>The registration limit per client, bound from <c>Auth:RegistrationRateLimit</c>.</summary>
public sealed class RegistrationRateLimitOptions
{
    public const string SectionName = "Auth:RegistrationRateLimit";

    /// <summary>
    /// Registrations one client (an IPv4 address or an IPv6 /64) may attempt per window, a taken username included; then 429
    /// <c>rate_limited</c>. Default 10.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerClient { get; init; } = 10;

    /// <summary>The fixed window of the count, from a client's first registration attempt. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
}
