using System.ComponentModel.DataAnnotations;

namespace AuthServer.Tokens;

/// <summary>How tokens are issued and checked, and the scopes granted; bound from <c>Auth</c>. Signing is <c>SigningOptions</c>.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Auth";

    /// <summary>The <c>iss</c> of every access token: an absolute URL, https in Production (RFC 8414 §2).</summary>
    [Required]
    public string Issuer { get; init; } = "http://localhost:5080";

    /// <summary>The <c>aud</c> of every access token: the API that accepts them.</summary>
    [Required]
    public string Audience { get; init; } = "authserver-api";

    /// <summary>How long an access token is valid. Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token is valid after it was issued; each refresh starts a new period. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The absolute lifetime of a session from login, whatever the refreshes. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after a refresh the same token may be presented again and get the same successor
    /// (two tabs, a lost response). Zero makes every repeat a reuse that revokes the session. Default 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an instance trusts its cached answer to "is this session still live?". Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RevocationCacheDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The scopes clients may ask for at login and <c>/token</c> (RFC 6749 §3.3). The shipped appsettings.json
    /// allows <c>resource.read</c> and <c>resource.write</c>; empty allows none.
    /// </summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Whether <c>/token</c> accepts <c>grant_type=password</c> (a first-party choice; RFC 9700 §2.4). Default true.</summary>
    public bool AllowPasswordGrant { get; init; } = true;
}
