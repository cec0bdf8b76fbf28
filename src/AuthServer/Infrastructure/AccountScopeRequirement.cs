using AuthServer.Tokens;

namespace AuthServer.Infrastructure;

/// <summary>
/// Which tokens may use the account endpoints (<c>/logout-all</c>, <c>/sessions</c>, <c>DELETE /sessions/{id}</c>,
/// <c>/change-password</c>). A token without a <c>scope</c> claim comes from a first-party login that asked for no scope
/// (the sign-in page, <c>/login</c>): it acts for the whole account, as it always has. A token that carries scopes was
/// asked for, or narrowed to, just those (RFC 6749 §3.3, §6): it may manage the account only when one of them is
/// <see cref="ScopePolicy.AccountScope"/>. So a token handed to an API with <c>resource.read</c> cannot end every session
/// of its user or read where they are signed in.
/// </summary>
public static class AccountScopeRequirement
{
    public static TBuilder RequireAccountScope<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var user = context.HttpContext.User;
            if (user.FindFirst(AccessTokenClaims.Scope) is null || user.HasScope(ScopePolicy.AccountScope))
            {
                return await next(context);
            }

            const string description = $"A token with scopes needs the scope {ScopePolicy.AccountScope} to manage the account.";
            context.HttpContext.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", error_description=\"{description}\", scope=\"{ScopePolicy.AccountScope}\"";
            return AuthErrors.InsufficientScope(description);
        });
}
