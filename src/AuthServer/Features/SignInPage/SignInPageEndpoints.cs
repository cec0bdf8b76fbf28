using Microsoft.Extensions.Options;

namespace AuthServer.Features.SignInPage;

/// <summary>
/// The browser client module at <c>/auth-client.js</c>, and unless switched off the sign-in page at <c>/</c> and beside it
/// the admin page at <c>/admin</c>, under the same strict Content-Security-Policy.
/// </summary>
public static class SignInPageEndpoints
{
    // No inline script or style anywhere, so the page can forbid both (and framing, against clickjacking).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly EmbeddedAsset AuthClient = EmbeddedAsset.Load("auth-client.js", "text/javascript; charset=utf-8");
    private static readonly EmbeddedAsset Page = EmbeddedAsset.Load("index.html", "text/html; charset=utf-8");
    private static readonly EmbeddedAsset Script = EmbeddedAsset.Load("app.js", "text/javascript; charset=utf-8");
    private static readonly EmbeddedAsset Styles = EmbeddedAsset.Load("app.css", "text/css; charset=utf-8");
    private static readonly EmbeddedAsset AdminPage = EmbeddedAsset.Load("admin.html", "text/html; charset=utf-8");
    private static readonly EmbeddedAsset AdminScript = EmbeddedAsset.Load("admin.js", "text/javascript; charset=utf-8");

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/auth-client.js", AuthClient.Serve).ExcludeFromDescription();
        if (!routes.ServiceProvider.GetRequiredService<IOptions<SignInPageOptions>>().Value.EnableSignInPage)
        {
            return routes;
        }

        routes.MapGet("/", ServeSignInPage).ExcludeFromDescription();
        routes.MapGet("/app.js", Script.Serve).ExcludeFromDescription();
        routes.MapGet("/app.css", Styles.Serve).ExcludeFromDescription();
        // The page is public like the sign-in page: it holds nothing, and every action it offers is an admin endpoint's.
        routes.MapGet("/admin", ServeAdminPage).ExcludeFromDescription();
        routes.MapGet("/admin.js", AdminScript.Serve).ExcludeFromDescription();
        return routes;
    }

    private static IResult ServeSignInPage(HttpContext context) => ServePage(Page, context);

    private static IResult ServeAdminPage(HttpContext context) => ServePage(AdminPage, context);

    private static IResult ServePage(EmbeddedAsset page, HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return page.Serve(context);
    }
}
