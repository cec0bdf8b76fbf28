using System.Security.Claims;
using AuthServer.Infrastructure;
using AuthServer.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Features.ProtectedResource;

/// <summary>Sample API endpoints: anything behind a valid access token looks like these.</summary>
public static class ProtectedResourceEndpoint
{
    /// <summary>The scope <c>POST /protected-resource</c> requires: a sample of a scoped API.</summary>
    public const string WriteScope = "resource.write";

    /// <summary>The role <c>GET /protected-resource/editor</c> requires: a sample of an API guarded by a role.</summary>
    public const string EditorRole = "editor";

    public static IEndpointRouteBuilder MapProtectedResource(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/protected-resource", Read).WithName("ProtectedResource");
        routes.MapPost("/protected-resource", Write).WithName("WriteProtectedResource").RequireScope(WriteScope);
        // The token's roles claim, as any API reads it: a role granted or removed shows from the session's next refresh.
        routes.MapGet("/protected-resource/editor", ReadAsEditor).WithName("EditorProtectedResource")
            .RequireAuthorization(policy => policy.RequireRole(EditorRole));
        return routes;
    }

    public static ProtectedResourceResponse Read(ClaimsPrincipal user) => new("Here is your resource.", Owner(user));

    public static ProtectedResourceResponse Write(ClaimsPrincipal user) => new("Your change was accepted.", Owner(user));

    public static ProtectedResourceResponse ReadAsEditor(ClaimsPrincipal user) => new("Here is the editors' resource.", Owner(user));

    private static ResourceOwner Owner(ClaimsPrincipal user) => new(user.FindFirstValue(JwtRegisteredClaimNames.Sub)!, user.Username()!);
}
