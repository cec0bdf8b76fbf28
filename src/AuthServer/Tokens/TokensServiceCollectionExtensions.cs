using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>Registers token options (validated on start), signing keys, refresh-token rotation, pruning and JwtBearer.</summary>
    public static WebApplicationBuilder AddAuthServerTokens(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddOptions<PruningOptions>()
            .BindConfiguration(PruningOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PruningOptions>, PruningOptionsValidator>();

        services.AddDataProtection().SetApplicationName("AuthServer");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<TokenOptions>, ILoggerFactory>((keyManagement, tokens, loggers) =>
            keyManagement.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.GetFullPath(tokens.Value.KeyRingPath)), loggers));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<RefreshTokenCodec>();
        services.AddSingleton<SessionStatusCache>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<ScopePolicy>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<SessionRevoker>();
        services.AddHostedService<KeyMaterialLoader>();
        services.AddSingleton<SessionPruner>();
        // After DatabaseInitializer (AddAuthServerData) and KeyMaterialLoader: hosted services start in registration order.
        services.AddHostedService<SessionPruningService>();

        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearerOptions>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        return builder;
    }
}
