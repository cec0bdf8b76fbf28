using AuthServer.Features.ChangePassword;
using AuthServer.Features.Login;
using AuthServer.Features.Logout;
using AuthServer.Features.ProtectedResource;
using AuthServer.Features.RefreshToken;
using AuthServer.Features.Register;
using AuthServer.Features.Revoke;
using AuthServer.Features.Sessions;
using AuthServer.Features.SignInPage;
using AuthServer.Features.Token;
using AuthServer.Features.WellKnown;

namespace AuthServer.Features;

public static class AuthEndpoints
{
    /// <summary>The route table of the HTTP contract (<c>API.md</c>).</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapRegister();
        routes.MapLogin();
        routes.MapRefreshToken();
        routes.MapToken();
        routes.MapRevoke();
        routes.MapLogout();
        routes.MapLogoutAll();
        routes.MapSessions();
        routes.MapChangePassword();
        routes.MapProtectedResource();
        routes.MapJwks();
        routes.MapAuthorizationServerMetadata();
        routes.MapHealthChecks("/health");
        routes.MapSignInPage();
        return routes;
    }
}
