namespace AuthServer.Tokens;

/// <summary>The result of presenting a refresh token: new tokens, or why there are none.</summary>
public sealed record RefreshOutcome(TokenResponse? Tokens, string? FailureDescription, bool ScopeRefused = false)
{
    public bool Succeeded => Tokens is not null;

    public static RefreshOutcome Issued(TokenResponse tokens) => new(tokens, null);

    /// <summary>The token is unknown, expired, revoked or used: <c>invalid_grant</c>.</summary>
    public static RefreshOutcome Refused(string description) => new(null, description);

    /// <summary>The token is fine but the requested scope is not: <c>invalid_scope</c>; nothing was consumed.</summary>
    public static RefreshOutcome RefusedScope(string description) => new(null, description, ScopeRefused: true);
}
