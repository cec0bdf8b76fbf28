using AuthServer.Tokens;
using AuthServer.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AuthServer.Infrastructure;

/// <summary>
/// Answers a valid access token that a policy refuses (a role it lacks) with 403 <c>forbidden</c> and the contract's
/// error body, instead of JwtBearer's bare 403; every other outcome is ASP.NET Core's.
/// </summary>
internal sealed class ForbiddenResponder(ILogger<ForbiddenResponder> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var description = Describe(authorizeResult.AuthorizationFailure);
        logger.AccessForbidden(context.User.UserId(), context.Request.Path);
        var headers = context.Response.Headers;
        // The refusal concerns this user's rights: no cache keeps it. RFC 6750 §3.1 names the case "insufficient_scope".
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", error_description=\"{description}\"";
        await AuthErrors.Forbidden(description).ExecuteAsync(context);
    }

    private static string Describe(AuthorizationFailure? failure)
    {
        if (failure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            return reason.Message;
        }

        var roles = failure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault()?.AllowedRoles;
        return roles is null ? "This access token does not allow this request." : $"This needs the role {string.Join(" or ", roles)}.";
    }
}
