using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>Which scope a login or a refresh gets (RFC 6749 §3.3 and §6).</summary>
public sealed class ScopePolicy(IOptions<TokenOptions> options)
{
    /// <summary>At login: every requested scope must be one of <c>Auth:Scopes</c>. No scope asked, none granted.</summary>
    public ScopeDecision ForLogin(string? requested)
    {
        var tokens = ScopeParser.Parse(requested);
        if (tokens is null)
        {
            return ScopeDecision.Refused("The scope is malformed: scope tokens separated by single spaces.");
        }

        var unknown = tokens.Where(t => !options.Value.Scopes.Contains(t, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? ScopeDecision.Granted(ScopeParser.Format(tokens))
            : ScopeDecision.Refused($"This server does not grant the scope {string.Join(' ', unknown)}.");
    }

    /// <summary>
    /// At a refresh: the new access token gets the requested scope, which may be narrower than the session's
    /// but never wider; without a request it gets the session's whole scope.
    /// </summary>
    public static ScopeDecision ForRefresh(string? requested, string? sessionScope)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return ScopeDecision.Granted(sessionScope);
        }

        var tokens = ScopeParser.Parse(requested);
        if (tokens is null)
        {
            return ScopeDecision.Refused("The scope is malformed: scope tokens separated by single spaces.");
        }

        var granted = ScopeParser.Parse(sessionScope) ?? [];
        return tokens.IsSubsetOf(granted)
            ? ScopeDecision.Granted(ScopeParser.Format(tokens))
            : ScopeDecision.Refused("A refresh may narrow the scope of the session, not widen it.");
    }
}
