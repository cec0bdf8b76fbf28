namespace AuthServer.Features.Refresh;

public sealed record RefreshTokenRequest
{
    public string? RefreshToken { get; init; }

    /// <summary>A narrower scope for the new access token (RFC 6749 §6); the session keeps its own.</summary>
    public string? Scope { get; init; }
}
