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

        // Behind a valid access token, scope-less or with the scope account: the caller's account. Answers about one user: no cache keeps them.
        var accountRoutes = routes.MapGroup("").RequireAuthorization().RequireAccountScope().WithNoStore();
        accountRoutes.MapLogoutAll();
        accountRoutes.MapSessions();
        accountRoutes.MapChangePassword();

        // The sample resource, behind any valid access token (its POST needs resource.write).
        var resourceRoutes = routes.MapGroup("").RequireAuthorization().WithNoStore();
        resourceRoutes.MapProtectedResource();

        // The administration of users: an access token of a holder of Auth:AdminRole, scope-less or with the scope account,
        // so that an administrator's token handed to an API cannot administer. Answers about users: no cache keeps them.
        var adminRoutes = routes.MapGroup("/admin").RequireAuthorization(AdministratorRequirement.PolicyName).RequireAccountScope().WithNoStore();
        adminRoutes.MapAdminUsers();

        routes.MapJwks();
        routes.MapStatusLists();
        routes.MapAuthorizationServerMetadata();
        routes.MapHealthChecks("/health");
        routes.MapSignInPage();
        return routes;
    }
}
