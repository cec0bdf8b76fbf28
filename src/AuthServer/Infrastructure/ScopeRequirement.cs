using AuthServer.Tokens;

namespace AuthServer.Infrastructure;

public static class ScopeRequirement
{
    /// <summary>
    /// Requires a valid access token whose <c>scope</c> claim holds <paramref name="scope"/>. A token without
    /// it gets 403 with <c>WWW-Authenticate: Bearer error="insufficient_scope"</c> naming the scope (RFC 6750 §3.1).
    /// </summary>
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder builder, string scope) =>
        builder.RequireAuthorization().AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.User.HasScope(scope))
            {
                return await next(context);
            }

            var description = $"This resource needs the scope {scope}.";
            context.HttpContext.Response.Headers.WWWAuthenticate =
                $"Bearer error=\"insufficient_scope\", error_description=\"{description}\", scope=\"{scope}\"";
            return AuthErrors.InsufficientScope(description);
        });
}
