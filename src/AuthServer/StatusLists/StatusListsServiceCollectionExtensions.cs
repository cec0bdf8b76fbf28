namespace AuthServer.StatusLists;

public static class StatusListsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Token Status Lists: the options (validated on start), the allocation of an entry per session, the
    /// lists in memory and their signed tokens, and the hosted service that loads the key of the index permutation.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerStatusLists(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StatusListOptions>()
            .BindConfiguration(StatusListOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StatusIndexPermutation>();
        services.AddSingleton<StatusListAllocator>();
        services.AddSingleton<StatusListTokenSigner>();
        services.AddSingleton<StatusListStore>();
        services.AddHostedService<StatusListKeyLoader>();
        services.AddCors(o => o.AddPolicy(StatusListLayout.CorsPolicy, policy => policy.AllowAnyOrigin()
            .WithMethods("GET").WithHeaders("Accept", "If-None-Match").WithExposedHeaders("ETag")));
        services.AddResponseCompression(o =>
        {
            // The list is public, so compressing it over https gives nothing away (BREACH needs a secret in the body).
            o.EnableForHttps = true;
            o.MimeTypes = [StatusListTokenSigner.MediaType];
        });
        return builder;
    }
}
