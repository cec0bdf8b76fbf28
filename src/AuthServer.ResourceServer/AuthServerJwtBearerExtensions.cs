using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuthServer.ResourceServer;

public static class AuthServerJwtBearerExtensions
{
    /// <summary>
    /// Accepts AuthServer's access tokens under the default Bearer scheme:
    /// <c>builder.Services.AddAuthentication().AddAuthServerJwtBearer(o => { o.Authority = "https://auth.example.com"; o.Audience = "orders-api"; })</c>.
    /// </summary>
    public static AuthenticationBuilder AddAuthServerJwtBearer(this AuthenticationBuilder builder, Action<AuthServerJwtBearerOptions> configure) =>
        builder.AddAuthServerJwtBearer(JwtBearerDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// JwtBearer set up for AuthServer: discovery and JWKS from <see cref="AuthServerJwtBearerOptions.Authority"/>, the one
    /// algorithm, <c>typ: at+jwt</c>, at most 30 s of skew, the audience, <c>roles</c> as ASP.NET Core roles, a cache of
    /// verified tokens, and the Token Status List check, with the lists fetched in the background.
    /// </summary>
    public static AuthenticationBuilder AddAuthServerJwtBearer(this AuthenticationBuilder builder, string scheme, Action<AuthServerJwtBearerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthServerJwtBearerOptions>(scheme)
            .Configure(configure)
            .Validate(o => Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "AuthServerJwtBearerOptions.Authority must be AuthServer's issuer, an absolute URL.")
            .Validate(o => !string.IsNullOrEmpty(o.Audience), "AuthServerJwtBearerOptions.Audience must name the audience the tokens carry.")
            .Validate(o => o.Algorithm is "ES256" or "RS256", "AuthServerJwtBearerOptions.Algorithm must be ES256 or RS256: with HS256 AuthServer publishes no key an API could verify with.")
            .Validate(o => o.VerifiedTokenCacheSize > 0, "AuthServerJwtBearerOptions.VerifiedTokenCacheSize must be positive.")
            .ValidateOnStart();
        services.AddKeyedSingleton(scheme, (_, _) => new HeldStatusLists());
        services.AddKeyedSingleton(scheme, (provider, _) =>
            new VerifiedTokenCache(provider.GetRequiredService<IOptionsMonitor<AuthServerJwtBearerOptions>>().Get(scheme).VerifiedTokenCacheSize));
        services.AddOptions<JwtBearerOptions>(scheme).Configure<IServiceProvider>((options, provider) => Configure(options, scheme, provider));
        services.AddSingleton<IHostedService>(provider => new StatusListRefresher(
            scheme,
            provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>(),
            provider.GetRequiredService<IOptionsMonitor<AuthServerJwtBearerOptions>>(),
            provider.GetRequiredKeyedService<HeldStatusLists>(scheme),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<StatusListRefresher>>()));
        return builder.AddJwtBearer(scheme, _ => { });
    }

    private static void Configure(JwtBearerOptions options, string scheme, IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<IOptionsMonitor<AuthServerJwtBearerOptions>>().Get(scheme);
        var time = provider.GetRequiredService<TimeProvider>();
        options.Authority = settings.Authority;
        options.Audience = settings.Audience;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        // Status List Tokens are served compressed on request, about a quarter smaller (docs/operations.md).
        options.BackchannelHttpHandler = settings.BackchannelHttpHandler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };

        AuthServerTokenValidation.Apply(options.TokenValidationParameters, settings.Algorithm, time);
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new VerifiedTokenHandler(provider.GetRequiredKeyedService<VerifiedTokenCache>(scheme), time));
        var lists = provider.GetRequiredKeyedService<HeldStatusLists>(scheme);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => AccessTokenChecks.CheckStatusAsync(context, lists, settings.StatusListGracePeriod, time),
            OnChallenge = AccessTokenChecks.DescribeFailureAsync,
        };
    }
}
