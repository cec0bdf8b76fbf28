using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AuthServer.Infrastructure;

/// <summary>
/// The headers every answer carries (API.md, Conventions): <c>X-Content-Type-Options: nosniff</c> on all of them, no
/// <c>Server</c> header, <c>Cache-Control: no-store</c> on every answer of a <see cref="NoStore"/> endpoint; and in
/// Production, when the server itself terminates TLS, HSTS and a redirect from http to https.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>One year, and the subdomains too (OWASP ASVS 5.0 3.4.1).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Naming the server and its version helps nobody but a scanner. After the Kestrel section is bound, so it stays off.
        builder.Services.PostConfigure<KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear(); // only in Production, where a TLS listener on localhost is as real as any
        });
        builder.Services.AddHttpsRedirection(o => o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect);
        return builder;
    }

    /// <summary>First in the pipeline, so that the headers reach every answer, errors and challenges included.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var noStorePaths = new Lazy<TemplateMatcher[]>(() => NoStorePaths(app));
        app.Use((context, next) =>
        {
            // Routing has run already (WebApplication routes before the first middleware); the exception handler clears
            // the endpoint before it answers, so it is read now and the headers are written when the answer starts. A
            // request that routing refused (415 for a wrong content type) has a stand-in endpoint: its path decides.
            var noStore = context.GetEndpoint()?.Metadata.GetMetadata<NoStore>() is not null
                || noStorePaths.Value.Any(path => path.TryMatch(context.Request.Path, []));
            context.Response.OnStarting(static state =>
            {
                var (response, noStore) = ((HttpResponse, bool))state;
                response.Headers.XContentTypeOptions = "nosniff";
                if (noStore)
                {
                    response.Headers.CacheControl = "no-store";
                    response.Headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            }, (context.Response, noStore));
            return next(context);
        });

        if (app.Environment.IsProduction())
        {
            // Behind a TLS-terminating proxy the proxy owns HSTS and redirection; here only a listener of this server speaks TLS.
            var server = app.Services.GetRequiredService<IServer>();
            var terminatesTls = new Lazy<bool>(() => server.Features.Get<IServerAddressesFeature>()?.Addresses
                .Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) == true);
            app.UseWhen(_ => terminatesTls.Value, tls => tls.UseHsts().UseHttpsRedirection());
        }

        return app;
    }

    private static TemplateMatcher[] NoStorePaths(IEndpointRouteBuilder routes) =>
    [
        .. routes.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<NoStore>() is not null && endpoint.RoutePattern.RawText is not null)
            .Select(endpoint => new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText!), [])),
    ];
}
