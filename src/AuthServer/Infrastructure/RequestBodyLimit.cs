using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AuthServer.Infrastructure;

/// <summary>
/// One request-body limit for every server: <c>Kestrel:Limits:MaxRequestBodySize</c>, 64 KiB unless configured
/// (an auth server takes no uploads; Kestrel's own default is 30 MB). Kestrel enforces it while reading the body; on
/// a server without a body-size feature (the test server) a declared Content-Length over it is refused here.
/// </summary>
public static class RequestBodyLimit
{
    public const long DefaultMaxRequestBodySize = 64 * 1024;

    public static WebApplicationBuilder AddRequestBodyLimit(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = DefaultMaxRequestBodySize);
        builder.Services.Configure<KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        return builder;
    }

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app)
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        return app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is not null)
            {
                return next(context);
            }

            if (context.Request.ContentLength > limit)
            {
                // Answered by MalformedRequestResponder with the contract's error body.
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }
}
