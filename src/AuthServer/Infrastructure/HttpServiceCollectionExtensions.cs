using System.Text.Json;
using Microsoft.AspNetCore.Authorization;

namespace AuthServer.Infrastructure;

public static class HttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers how the HTTP contract is spoken: snake_case JSON, error bodies for bad requests and for refused roles,
    /// the body-size limit, CORS.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerHttp(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false); // a bad body is a 400, also in Development
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenResponder>();
        builder.AddRequestBodyLimit();
        builder.AddAuthServerCors();
        return builder;
    }
}
