using System.Text.Json;
using Microsoft.AspNetCore.Authorization;

namespace AuthServer.Infrastructure;

public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers how the HTTP contract is spoken: snake_case JSON read strictly, error bodies for bad requests and for
    /// refused roles, the body-size limit, the security headers, trusted proxies, CORS.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerHttp(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // Strict reading (API.md, Conventions): the Web defaults match names without regard to case and let the last
            // of a repeated property win, so {"username":"decoy","username":"admin"} could mean what a filter did not see.
            o.SerializerOptions.PropertyNameCaseInsensitive = false;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // a bad body is a 400, also in Development
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenResponder>();
        builder.AddRequestBodyLimit();
        builder.AddSecurityHeaders();
        builder.AddTrustedProxies();
        builder.AddAuthServerCors();
        return builder;
    }
}
