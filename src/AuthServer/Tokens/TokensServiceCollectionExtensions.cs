using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthServer.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>Registers token options (validated on start), signing keys and their rotation, refresh-token rotation, pruning and JwtBearer.</summary>
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
        services.AddOptions<SigningKeyOptions>()
            .BindConfiguration(SigningKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AnnouncementPeriod < o.RotationPeriod, "Auth:SigningKeys:AnnouncementPeriod must be shorter than Auth:SigningKeys:RotationPeriod.")
            .Validate(o => o.AnnouncementPeriod > o.ReloadInterval,
                "Auth:SigningKeys:AnnouncementPeriod must be longer than Auth:SigningKeys:ReloadInterval, so that every instance loads a new key before any signs with it.")
            .ValidateOnStart();

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
        services.AddSingleton<SigningKeyMaterial>();
        services.AddScoped<SigningKeyStore>();
        services.AddSingleton<SigningKeyMaintenance>();
        // KeyMaterialLoader creates the first key before the server answers; SigningKeyMaintenance rotates from then on.
        services.AddHostedService<KeyMaterialLoader>();
        services.AddHostedService(s => s.GetRequiredService<SigningKeyMaintenance>());
        services.AddSingleton<SessionPruner>();
        // After DatabaseInitializer (AddAuthServerData) and KeyMaterialLoader: hosted services start in registration order.
        services.AddHostedService<SessionPruningService>();

        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearerOptions>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        return builder;
    }
}
