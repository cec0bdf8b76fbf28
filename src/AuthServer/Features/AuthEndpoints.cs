using AuthServer.Features.Admin;
using AuthServer.Features.ChangePassword;
using AuthServer.Features.Login;
using AuthServer.Features.Logout;
using AuthServer.Features.ProtectedResource;
using AuthServer.Features.Refresh;
using AuthServer.Features.Register;
using AuthServer.Features.Revoke;
using AuthServer.Features.Sessions;
using AuthServer.Features.SignInPage;
using AuthServer.Features.StatusLists;
using AuthServer.Features.Token;
using AuthServer.Features.WellKnown;
using AuthServer.Infrastructure;

namespace AuthServer.Features;

public static class AuthEndpoints
{
    /// <summary>The route table of the HTTP contract (docs/api.md), grouped by the policy the routes share.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Anyone may call them; their answers carry tokens or credentials, so no cache keeps them (RFC 6749 §5.1).
        var tokenRoutes = routes.MapGroup("").AllowAnonymous().WithNoStore();
        tokenRoutes.MapRegister();
        tokenRoutes.MapLogin();
        tokenRoutes.MapRefreshToken();
        tokenRoutes.MapToken();
        tokenRoutes.MapRevoke();
        tokenRoutes.MapLogout();

        // Behind a valid access token: the caller's account, and the sample resource. Answers about one user: no cache keeps them.
        var accountRoutes = routes.MapGroup("").RequireAuthorization().WithNoStore();
        accountRoutes.MapLogoutAll();
        accountRoutes.MapSessions();
        accountRoutes.MapChangePassword();
        accountRoutes.MapProtectedResource();

        // The administration of users: an access token of a holder of Auth:AdminRole. Answers about users: no cache keeps them.
        var adminRoutes = routes.MapGroup("/admin").RequireAuthorization(AdministratorRequirement.PolicyName).WithNoStore();
        adminRoutes.MapAdminUsers();

        routes.MapJwks();
        routes.MapStatusLists();
        routes.MapAuthorizationServerMetadata();
        routes.MapHealthChecks("/health");
        routes.MapSignInPage();
        return routes;
    }
}
