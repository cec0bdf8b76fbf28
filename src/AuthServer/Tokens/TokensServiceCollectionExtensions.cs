using AuthServer.ResourceServer;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>
    /// Registers the token options (validated on start), access tokens and their validation by JwtBearer, scopes,
    /// refresh-token rotation, and the hosted service that loads the successor secret before the server answers.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerTokens(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();

        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<ScopePolicy>();
        services.AddSingleton<RefreshTokenCodec>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<TokenRevocation>();
        services.AddHostedService<SuccessorSecretLoader>();

        // As many verified tokens as the package's default keeps for an API.
        services.AddSingleton(_ => new VerifiedTokenCache(new AuthServerJwtBearerOptions().VerifiedTokenCacheSize));
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearerOptions>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        return builder;
    }
}
