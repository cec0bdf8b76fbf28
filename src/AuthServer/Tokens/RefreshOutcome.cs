namespace AuthServer.Tokens;

/// <summary>The result of presenting a refresh token: new tokens, or why there are none.</summary>
public sealed record RefreshOutcome(TokenResponse? Tokens, string? FailureDescription)
{
    public bool Succeeded => Tokens is not null;

    public static RefreshOutcome Issued(TokenResponse tokens) => new(tokens, null);

    public static RefreshOutcome Refused(string description) => new(null, description);
}
