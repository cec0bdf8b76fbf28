using Microsoft.AspNetCore.Cors.Infrastructure;

namespace AuthServer.Infrastructure;

/// <summary>
/// CORS for frontends on another origin: off unless <c>Cors:AllowedOrigins</c> lists origins, which then
/// may call the API with credentials (the refresh cookie). Origins are exact: never a wildcard with credentials.
/// </summary>
public static class CorsSetup
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    public static WebApplicationBuilder AddAuthServerCors(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IConfiguration>((cors, configuration) =>
        {
            var origins = configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [];
            if (origins.Length > 0)
            {
                cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowCredentials()
                    .WithMethods("GET", "POST", "DELETE")
                    .WithHeaders("Authorization", "Content-Type", "X-Requested-With"));
            }
        });
        return builder;
    }
}
