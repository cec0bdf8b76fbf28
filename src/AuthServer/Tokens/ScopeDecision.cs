namespace AuthServer.Tokens;

/// <summary>The scope to grant (null for none), or why the request is refused with <c>invalid_scope</c>.</summary>
public sealed record ScopeDecision(string? Scope, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static ScopeDecision Granted(string? scope) => new(scope, null);

    public static ScopeDecision Refused(string refusal) => new(null, refusal);
}
