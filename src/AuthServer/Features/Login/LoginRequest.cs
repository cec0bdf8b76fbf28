namespace AuthServer.Features.Login;

public sealed record LoginRequest
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Space-delimited scopes to grant the session (RFC 6749 §3.3); each must be in <c>Auth:Scopes</c>.</summary>
    public string? Scope { get; init; }

    /// <summary>Cookie mode: the refresh token goes into an HttpOnly cookie instead of the body.</summary>
    public bool UseCookie { get; init; }
}
