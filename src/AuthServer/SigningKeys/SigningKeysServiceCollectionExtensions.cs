using Microsoft.Extensions.Options;

namespace AuthServer.SigningKeys;

public static class SigningKeysServiceCollectionExtensions
{
    /// <summary>
    /// Registers the signing options (validated on start), the key ring, and two hosted services: the loader, which
    /// loads or creates the keys before the server answers, and the maintenance, which rotates them from then on.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerSigningKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SigningOptions>()
            .BindConfiguration(SigningOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();
        services.AddOptions<KeyRotationOptions>()
            .BindConfiguration(KeyRotationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.AnnouncementPeriod < o.RotationPeriod, "Auth:SigningKeys:AnnouncementPeriod must be shorter than Auth:SigningKeys:RotationPeriod.")
            .Validate(o => o.AnnouncementPeriod > o.ReloadInterval,
                "Auth:SigningKeys:AnnouncementPeriod must be longer than Auth:SigningKeys:ReloadInterval, so that every instance loads a new key before any signs with it.")
            .ValidateOnStart();

        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<SigningKeyMaterial>();
        services.AddScoped<SigningKeyStore>();
        services.AddSingleton<SigningKeyMaintenance>();
        services.AddHostedService<SigningKeyLoader>();
        services.AddHostedService(s => s.GetRequiredService<SigningKeyMaintenance>());
        return builder;
    }
}
