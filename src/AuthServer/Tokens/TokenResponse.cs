using System.Text.Json.Serialization;

namespace AuthServer.Tokens;

/// <summary>The answer of every endpoint that issues tokens (RFC 6749 §5.1).</summary>
public sealed record TokenResponse
{
    public required string AccessToken { get; init; }

    public string TokenType => "Bearer";

    /// <summary>Seconds until the access token expires.</summary>
    public required int ExpiresIn { get; init; }

    /// <summary>Absent in cookie mode, where the token travels only in the cookie.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    /// <summary>Seconds until the refresh token expires.</summary>
    public required int RefreshTokenExpiresIn { get; init; }

    /// <summary>The access token's scope (RFC 6749 §5.1), absent when none was granted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }
}
