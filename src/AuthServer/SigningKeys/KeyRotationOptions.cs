using System.ComponentModel.DataAnnotations;

namespace AuthServer.SigningKeys;

/// <summary>How the asymmetric signing keys rotate; bound from <c>Auth:SigningKeys</c>. HS256 ignores it: a shared secret does not rotate.</summary>
public sealed class KeyRotationOptions
{
    public const string SectionName = "Auth:SigningKeys";

    /// <summary>
    /// How long a key signs before its successor takes over. The successor is created
    /// <see cref="AnnouncementPeriod"/> earlier, so that it is announced for that long first. Default 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RotationPeriod { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a new key is published in the JWKS, and accepted, before it signs. It must cover the metadata
    /// refresh of the APIs that verify the tokens: JwtBearer refetches the JWKS every 12 hours by default. Default 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan AnnouncementPeriod { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How often each instance creates a due successor, retires old keys and reloads the keys from the database. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromMinutes(1);
}
