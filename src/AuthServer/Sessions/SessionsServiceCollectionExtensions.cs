using Microsoft.Extensions.Options;

namespace AuthServer.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers revocation and its cache, the user's view of their sessions, pruning in the background, and on
    /// PostgreSQL the listener that hears other instances' revocations.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PruningOptions>()
            .BindConfiguration(PruningOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PruningOptions>, PruningOptionsValidator>();

        services.AddSingleton<SessionStatusCache>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<UserSessions>();
        services.AddSingleton<SessionPruner>();
        services.AddHostedService<SessionPruningService>();
        services.AddHostedService<RevocationListener>();
        return builder;
    }
}
