using System.Security.Claims;
using AuthServer.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Features.ProtectedResource;

/// <summary>A sample API endpoint: anything behind a valid access token looks like this.</summary>
public static class ProtectedResourceEndpoint
{
    public static RouteHandlerBuilder MapProtectedResource(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/protected-resource", Handle).WithName("ProtectedResource").RequireAuthorization();

    public static ProtectedResourceResponse Handle(ClaimsPrincipal user) =>
        new("Here is your resource.", new ResourceOwner(user.FindFirstValue(JwtRegisteredClaimNames.Sub)!, user.Username()!));
}
