using AuthServer.Infrastructure;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

/// <summary>Which scope a login or a refresh gets (RFC 6749 §3.3 and §6): the scope string, or null for none.</summary>
public sealed class ScopePolicy(IOptions<TokenOptions> options)
{
    /// <summary>
    /// The scope the account endpoints (<c>/logout-all</c>, <c>/sessions</c>, <c>/change-password</c>) require of a token
    /// that carries scopes; always grantable, whatever <c>Auth:Scopes</c> lists. See <see cref="Infrastructure.AccountScopeRequirement"/>.
    /// </summary>
    public const string AccountScope = "account";

    private static readonly Refusal Malformed = Refusal.InvalidScope("The scope is malformed: scope tokens separated by single spaces.");

    /// <summary>At login: every requested scope must be one of <c>Auth:Scopes</c> or <see cref="AccountScope"/>. No scope asked, none granted.</summary>
    public Result<string?> ForLogin(string? requested)
    {
        if (ScopeParser.Parse(requested) is not { } tokens)
        {
            return Malformed;
        }

        var unknown = tokens.Where(t => t != AccountScope && !options.Value.Scopes.Contains(t, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? ScopeParser.Format(tokens)
            : Refusal.InvalidScope($"This server does not grant the scope {string.Join(' ', unknown)}.");
    }

    /// <summary>
    /// At a refresh: the new access token gets the requested scope, which may be narrower than the session's
    /// but never wider; without a request it gets the session's whole scope.
    /// </summary>
    public static Result<string?> ForRefresh(string? requested, string? sessionScope)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return sessionScope;
        }

        if (ScopeParser.Parse(requested) is not { } tokens)
        {
            return Malformed;
        }

        var granted = ScopeParser.Parse(sessionScope) ?? [];
        return tokens.IsSubsetOf(granted)
            ? ScopeParser.Format(tokens)
            : Refusal.InvalidScope("A refresh may narrow the scope of the session, not widen it.");
    }
}
